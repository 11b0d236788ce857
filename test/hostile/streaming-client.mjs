// A client in its own process (as real ones are) that streams a whole request body in 16 KiB
// writes through node:http, without `Expect: 100-continue`, then prints the response it read
// (or the error it got) as one JSON line. Usage: node streaming-client.mjs <url> <path> <content-type> <bytes>
import { request } from 'node:http';

const [, , url, path, contentType, bytes] = process.argv;
const body = Buffer.alloc(Number(bytes), 'a');
const { hostname, port } = new URL(url);
const req = request({ host: hostname, port, method: 'POST', path, headers: { 'content-type': contentType, 'content-length': body.length } }, (res) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (d) => (text += d));
  res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, headers: res.headers, body: text })));
});
req.on('error', (e) => console.log(JSON.stringify({ error: e.code ?? e.message })));
let at = 0;
const pump = () => {
  while (at < body.length) {
    const ok = req.write(body.subarray(at, at + 16384));
    at += 16384;
    if (!ok) return void req.once('drain', pump);
  }
  req.end();
};
pump();
