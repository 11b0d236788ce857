import type { DevicePlatform } from './sign-in-evaluation.js';

/**
 * The device platform Conditional Access sees, from a browser's `User-Agent` (the sign-in page) or MSAL's
 * `x-client-OS` header; undefined when it cannot be told (then only `all` platform conditions apply). Order matters:
 * Android and Windows Phone user agents also name Linux and Windows, iPadOS and iOS name "like Mac OS X".
 */
export function platformFromUserAgent(userAgent: string | undefined): DevicePlatform | undefined {
  const ua = (userAgent ?? '').slice(0, 1024);
  if (/Windows Phone/i.test(ua)) return 'windowsPhone';
  if (/Android/i.test(ua)) return 'android';
  if (/iPhone|iPad|iPod|\biOS\b/i.test(ua)) return 'iOS';
  if (/Windows|win32/i.test(ua)) return 'windows';
  if (/Macintosh|Mac OS X|darwin/i.test(ua)) return 'macOS';
  if (/Linux|X11/i.test(ua)) return 'linux';
  return undefined;
}
