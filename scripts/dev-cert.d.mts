// Types for scripts/dev-cert.mjs (imported by the e2e tests).
export declare const DEFAULT_HOSTS: string[];

export interface DevCertificateOptions {
  /** DNS names and IP addresses for the server certificate; default localhost, 127.0.0.1, ::1. */
  hosts?: string[];
  days?: number;
}

export declare function generateDevCertificate(options?: DevCertificateOptions): Promise<{ caCert: string; cert: string; key: string }>;

export declare function writeDevCertificate(dir: string, options?: DevCertificateOptions): Promise<{ caFile: string; certFile: string; keyFile: string }>;
