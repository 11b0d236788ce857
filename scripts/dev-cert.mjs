#!/usr/bin/env node
// Development TLS certificate for localhost and 127.0.0.1: `npm run cert` (see README "HTTPS").
//
// Writes a throwaway certificate authority (certificate only: its key is never written, so nothing
// can mint further certificates with it) and a server certificate it signed, with the SANs
// DNS:localhost, IP:127.0.0.1 and IP:::1. Clients trust the CA (NODE_EXTRA_CA_CERTS wants a CA,
// not a leaf); the service serves the leaf (TLS_CERT_FILE/TLS_KEY_FILE). Pure JavaScript
// (the `selfsigned` package on WebCrypto): no openssl needed.
import { generate } from 'selfsigned';
import { existsSync, realpathSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_HOSTS = ['localhost', '127.0.0.1', '::1'];

const isIp = (h) => /^[0-9.]+$/.test(h) || h.includes(':');

/**
 * Makes a CA and a server certificate signed by it for `hosts` (DNS names and IP addresses).
 * Returns PEM strings: `caCert`, `cert` (the server's), `key` (the server's private key).
 */
export async function generateDevCertificate({ hosts = DEFAULT_HOSTS, days = 365 } = {}) {
  const notBeforeDate = new Date(Date.now() - 60_000); // tolerate a little clock skew
  const notAfterDate = new Date(notBeforeDate.getTime() + days * 86_400_000);
  const ca = await generate(
    [
      { name: 'commonName', value: 'Graph identity server development CA' },
      { name: 'organizationName', value: 'Graph identity server (development only)' },
    ],
    {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    },
  );
  const leaf = await generate([{ name: 'commonName', value: hosts[0] }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: hosts.map((h) => (isIp(h) ? { type: 7, ip: h } : { type: 2, value: h })),
      },
    ],
  });
  return { caCert: ca.cert, cert: leaf.cert, key: leaf.private };
}

/**
 * Writes `dev-ca.pem`, `dev-cert.pem` and `dev-key.pem` (mode 600) into `dir`; returns their paths.
 */
export async function writeDevCertificate(dir, options = {}) {
  const { caCert, cert, key } = await generateDevCertificate(options);
  await mkdir(dir, { recursive: true });
  const files = { caFile: join(dir, 'dev-ca.pem'), certFile: join(dir, 'dev-cert.pem'), keyFile: join(dir, 'dev-key.pem') };
  await writeFile(files.caFile, caCert);
  await writeFile(files.certFile, cert);
  await writeFile(files.keyFile, key, { mode: 0o600 });
  await chmod(files.keyFile, 0o600);
  return files;
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      [
        'Usage: npm run cert [-- --force] [--dir certs] [--host name-or-ip ...]',
        '',
        'Creates a development CA and a certificate it signed for localhost, 127.0.0.1 and ::1',
        '(or the --host values), valid 365 days: <dir>/dev-ca.pem, dev-cert.pem, dev-key.pem.',
        'Existing files are kept unless --force is given.',
        '',
      ].join('\n'),
    );
    return 0;
  }
  let dir = 'certs';
  const hosts = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir') dir = argv[++i];
    else if (argv[i] === '--host') hosts.push(argv[++i]);
    else if (argv[i] !== '--force') {
      process.stderr.write(`dev-cert: unknown argument ${argv[i]} (see --help)\n`);
      return 2;
    }
  }
  if (!dir || hosts.some((h) => !h)) {
    process.stderr.write('dev-cert: --dir and --host need a value\n');
    return 2;
  }
  const target = resolve(dir);
  if (existsSync(join(target, 'dev-cert.pem')) && !argv.includes('--force')) {
    process.stderr.write(`dev-cert: ${join(dir, 'dev-cert.pem')} exists; use --force to replace it\n`);
    return 1;
  }
  const files = await writeDevCertificate(target, hosts.length ? { hosts } : {});
  const rel = (f) => {
    const r = relative(process.cwd(), f);
    return r && !r.startsWith('..') ? r : f;
  };
  process.stdout.write(
    [
      `Wrote ${rel(files.certFile)}, ${rel(files.keyFile)} (server) and ${rel(files.caFile)} (the CA that signed it).`,
      '',
      'Serve HTTPS:',
      `  TLS_CERT_FILE=${rel(files.certFile)} TLS_KEY_FILE=${rel(files.keyFile)} npm start`,
      'Trust it in Node.js clients:',
      `  NODE_EXTRA_CA_CERTS=${rel(files.caFile)} node your-client.js`,
      '',
    ].join('\n'),
  );
  return 0;
}

// realpath: node resolves symlinks in import.meta.url, not in argv[1] (a symlinked checkout must work).
if (process.argv[1] && realpathSync(resolve(process.argv[1])) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`dev-cert: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
