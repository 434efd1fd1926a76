import "#server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { serverConfig } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import { log } from "@/lib/observability/logger";
import { checkCredentials, defaultOrganizationId, isMemberOf } from "@/lib/auth/sign-in";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { enforceLoginThrottle, LOGIN_THROTTLED_ERROR } from "@/lib/auth/login-throttle";

/** The `?error=` code of a sign-in that failed because the database is down. */
export const LOGIN_UNAVAILABLE_ERROR = "ServiceUnavailable";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const switchOrganizationSchema = z.object({ activeOrganizationId: z.string().uuid() });

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || (typeof headers?.["x-real-ip"] === "string" ? (headers["x-real-ip"] as string) : "unknown");
}

export function authOptions(): NextAuthOptions {
  const config = serverConfig();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email.trim().toLowerCase() : "";
        try {
          await enforceLoginThrottle({ email, ip: clientIp(request?.headers) });
          return await checkCredentials(credentials);
        } catch (error) {
          if (error instanceof Error && error.message === LOGIN_THROTTLED_ERROR) throw error;
          // next-auth copies a thrown error's message into the redirect URL
          // the browser shows (?error=...): a database error's text (query,
          // driver details) used to end up there. Log a short reason, never the
          // credentials, and give the client a stable code instead.
          const unavailable = isDatabaseUnavailable(error);
          log().error({ reason: unavailable ? "database unavailable" : error instanceof Error ? error.name : "error" }, "sign-in failed");
          throw new Error(unavailable ? LOGIN_UNAVAILABLE_ERROR : "SignInFailed");
        }
      },
    }),
  ];
  if (config.github) {
    providers.push(GitHubProvider({ clientId: config.github.clientId, clientSecret: config.github.clientSecret }));
  }

  return {
    secret: config.nextAuthSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers,
    // next-auth's defaults make the session cookie httpOnly and SameSite=Lax,
    // and Secure (with the __Secure- prefix) whenever the site is served over
    // https, as every production and preview deployment is.
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "github") return true;
        // GitHub sign-in is for people who already have a Badger account
        // (invited by email); it never creates users or memberships.
        if (!user.email) return false;
        const existing = await getPrisma().user.findUnique({ where: { email: user.email.toLowerCase() } });
        return existing !== null;
      },
      async jwt({ token, user, account, trigger, session }) {
        if (user) {
          let userId = user.id;
          if (account?.provider === "github" && user.email) {
            const existing = await getPrisma().user.findUnique({ where: { email: user.email.toLowerCase() } });
            if (!existing) return token;
            userId = existing.id;
            token.name = existing.name;
            token.email = existing.email;
          }
          token.userId = userId;
          token.activeOrganizationId = await defaultOrganizationId(userId);
        }
        if (trigger === "update" && token.userId) {
          const parsed = switchOrganizationSchema.safeParse(session);
          if (parsed.success && (await isMemberOf(token.userId, parsed.data.activeOrganizationId))) {
            token.activeOrganizationId = parsed.data.activeOrganizationId;
          }
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          id: token.userId ?? "",
          name: token.name ?? "",
          email: token.email ?? "",
        };
        session.activeOrganizationId = token.activeOrganizationId ?? null;
        return session;
      },
    },
    logger: {
      // next-auth logs the credentials object on some errors; keep only the code.
      error(code) {
        log().error({ code }, "next-auth error");
      },
      warn(code) {
        if (code !== "DEBUG_ENABLED") log().warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
}
