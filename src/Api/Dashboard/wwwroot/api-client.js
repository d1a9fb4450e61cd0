// OrleansSync pages' one way of signing in and calling the API (the dashboard and the reference-data page): the
// bearer token the user signed in with, kept for the tab, JSON both ways, a timeout so a stuck call never blocks a
// page, and every failure as an ApiError carrying the status and the RFC 9457 problem details the API answered with.
'use strict';

window.OrleansSyncApi = (() => {
  // A request the server has not answered by then is given up.
  const REQUEST_TIMEOUT_MS = 15000;

  // The token the user pasted, shared by the pages of one browser tab (sessionStorage: gone with the tab).
  const TOKEN_KEY = 'orleanssync.dashboard.token';

  const session = {
    token: () => sessionStorage.getItem(TOKEN_KEY),

    // Keeps what the user pasted, without a leading "Bearer "; false when nothing was pasted.
    signIn(pasted) {
      const value = pasted.trim().replace(/^Bearer\s+/i, '');
      if (!value) return false;
      sessionStorage.setItem(TOKEN_KEY, value);
      return true;
    },

    signOut: () => sessionStorage.removeItem(TOKEN_KEY),

    // The token's claims, read only to show who is signed in and which controls to draw; the server decides what
    // anyone may do.
    claims() {
      const part = (session.token() || '').split('.')[1];
      if (!part) return null;
      try {
        const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
        return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
      } catch {
        return null;
      }
    },
  };

  class ApiError extends Error {
    constructor(status, problem, path) {
      const detail = problem && (problem.userMessage || problem.detail || problem.title);
      super(detail ? `${status}: ${detail}` : `${status} from ${path}`);
      this.status = status;
      this.problem = problem;
    }
  }

  // Sends the request with the signed-in token; answers the parsed JSON body (null when there is none). A 401 calls
  // onUnauthorized (the page signs the user out) before it throws.
  async function request(path, { method = 'GET', body = undefined, onUnauthorized = () => {} } = {}) {
    const headers = { Accept: 'application/json' };
    const token = session.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const detail = error.name === 'TimeoutError'
        ? `The server did not answer ${path} within ${REQUEST_TIMEOUT_MS / 1000} s.`
        : `The server cannot be reached (${error.message}).`;
      throw new ApiError(0, { title: 'No answer', detail }, path);
    }

    if (response.status === 401) {
      onUnauthorized('The server refused the token (401 Unauthorized): it is missing, expired, malformed or signed with another key. Paste a fresh one.');
      throw new ApiError(401, { detail: 'Not signed in.' }, path);
    }

    const text = await response.text();
    let parsed = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }

    if (!response.ok) throw new ApiError(response.status, parsed, path);
    return parsed;
  }

  return { ApiError, request, session };
})();
