// The dashboard's only way to the service: its public API, same origin. With API_TOKEN set the browser
// sends the credentials it was asked for on every request; the admin token typed in the header is sent
// as a bearer token on admin routes (rebuilds).

const adminInput = () => document.getElementById('admin-token');

/** The admin token typed in the page (kept for this tab only), or ''. */
export function adminToken() {
  return adminInput().value.trim();
}

export function rememberAdminToken() {
  const input = adminInput();
  input.value = sessionStorage.getItem('admin-token') ?? '';
  input.addEventListener('change', () => sessionStorage.setItem('admin-token', input.value.trim()));
}

/** GETs a JSON route; rejects with the API's error message. */
export async function getJson(path) {
  return answerOf(await fetch(path, { headers: { accept: 'application/json' } }));
}

/** POSTs JSON to a route, with the admin token when `admin` and one was typed. */
export async function postJson(path, body, { admin = false } = {}) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const token = admin ? adminToken() : '';
  if (token) headers.authorization = `Bearer ${token}`;
  return answerOf(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }));
}

async function answerOf(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? `${response.status} ${response.statusText}`);
  return body;
}

/** An element with text (never HTML: event data is the user's). */
export function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

export function time(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
