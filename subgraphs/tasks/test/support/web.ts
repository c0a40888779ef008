import { gzipSync } from 'node:zlib';
import { serve } from './servers.js';

export const ARTICLE = `<!doctype html><html><head><title>Solar Storage Explained</title>
<meta name="description" content="How home batteries store solar energy."></head>
<body><nav><a href="/">Home</a> menu noise</nav>
<article><h1>Solar storage explained</h1>
<p>Home batteries store solar energy during the day so households can use solar power at night.</p>
<p>Battery capacity, measured in kilowatt hours, decides how much solar energy a home battery can keep.</p>
<p>Lithium batteries dominate home storage because lithium batteries last longer than lead batteries.</p>
<p>Read the <a href="/guide#top">battery guide</a> or the <a href="https://example.org/faq">FAQ</a>.</p>
<script>var tracking = "should not appear";</script></article>
<footer>Copyright footer noise</footer></body></html>`;

/** Pages for the research agent: HTML, text, gzip, redirects, errors, slow and oversized bodies. */
export async function fixtureWeb() {
  const hits = new Map<string, number>();
  const times = new Map<string, number[]>();
  const server = await serve(async (req, res) => {
    const url = req.url ?? '/';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    times.set(url, [...(times.get(url) ?? []), Date.now()]);
    const path = url.split('?')[0];
    switch (path) {
      case '/article':
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
      case '/gzip':
        return void res
          .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
          .end(gzipSync(ARTICLE));
      case '/notes.txt':
        return void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('Plain notes about wind turbines and wind farms.');
      case '/redirect':
        return void res.writeHead(302, { location: '/article' }).end();
      case '/missing':
        return void res.writeHead(404, { 'content-type': 'text/html' }).end('<p>nope</p>');
      case '/image.png':
        return void res
          .writeHead(200, { 'content-type': 'image/png' })
          .end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      case '/big':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('word '.repeat(100_000));
      case '/flaky':
        // Fails twice per distinct URL, then works: exercises retries with backoff.
        if ((hits.get(url) ?? 0) <= 2) return void res.writeHead(503).end('busy');
        return void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('Third time lucky: the flaky page answered.');
      case '/slow':
        // Answers after 20 s: long enough to time out or to be cancelled.
        return void setTimeout(
          () => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'),
          20_000,
        ).unref();
      default:
        res.writeHead(404).end();
    }
  });
  return { ...server, hits, times };
}
