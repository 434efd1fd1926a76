// A real sign-in, as the browser does it: CSRF token first, then the
// credentials callback, keeping only the session cookie.
import { options } from "./load-options";

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]);
}

export async function signIn(appUrl: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const csrfCookies = cookiePairs(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; "), origin: appUrl },
    body: new URLSearchParams({ email: options.email, password: options.password, csrfToken, callbackUrl: `${appUrl}/inbox`, json: "true" }),
  });
  const session = cookiePairs(response).find((pair) => /next-auth\.session-token=/.test(pair));
  if (!response.ok || !session) throw new Error(`sign-in as ${options.email} failed: ${response.status} ${await response.text()}`);
  return session;
}
