import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

type NextAuthRouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so configuration errors surface as a clear
// failure of this route, not at import time during the build.
async function handler(req: Request, context: NextAuthRouteContext) {
  return NextAuth(authOptions())(req, context);
}

export { handler as GET, handler as POST };
