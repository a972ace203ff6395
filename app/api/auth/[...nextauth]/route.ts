import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context): Promise<Response> {
  const auth = NextAuth(getAuthOptions());
  return auth(request, { params: await context.params });
}

export { handler as GET, handler as POST };
