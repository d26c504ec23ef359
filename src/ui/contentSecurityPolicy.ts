// The Content Security Policy of the built page (vite.config.ts puts it in index.html as a <meta>, for the build only: the dev
// server injects inline scripts). Scripts and workers come only from this origin; nothing is evaluated from strings (Plotly's
// SVG traces, three.js and React need no 'unsafe-eval'); styles may be inline (React and Plotly set style attributes);
// images may be data: or blob: (Plotly's and the particle view's downloads); connections only to this origin (shipped states).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
