// Talks to the host. Every request that changes something carries the anti-forgery token of this page's session
// (header X-Gis-Csrf); the host refuses mutating requests without it.

let csrf = null;

/** Reads the session (anti-forgery token, province, version) once at start. */
export async function openSession() {
  const session = await getJson('/api/session');
  csrf = session.csrf;
  return session;
}

async function checked(response) {
  if (response.ok) return response;
  let message = `${response.status} ${response.statusText}`;
  let body = null;
  try {
    body = await response.json();
    if (body && body.error) message = body.error;
  } catch { /* not JSON: keep the status line */ }
  const error = new Error(message);
  error.status = response.status;
  error.body = body;
  throw error;
}

/** GET a JSON resource; query is an object of parameters (null/undefined left out). */
export async function getJson(path, query) {
  return (await checked(await fetch(withQuery(path, query), { credentials: 'same-origin' }))).json();
}

/** Sends JSON with the anti-forgery token (POST by default); returns the parsed answer, or the response for binaries. */
export async function send(path, body, { method = 'POST', raw = false } = {}) {
  const response = await checked(await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Gis-Csrf': csrf ?? '' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/** Sends a file as the request body with the anti-forgery token (query: its name and options); returns the parsed answer. */
export async function upload(path, file, query) {
  const response = await checked(await fetch(withQuery(path, query), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/octet-stream', 'X-Gis-Csrf': csrf ?? '' },
    body: file,
  }));
  return response.json();
}

export function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
