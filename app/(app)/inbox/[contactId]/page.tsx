import { InboxPage, inboxMetadata } from "../inbox-page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ contactId: string }> };

export async function generateMetadata({ params }: Props) {
  return inboxMetadata((await params).contactId);
}

export default async function Page({ params }: Props) {
  return <InboxPage contactId={(await params).contactId} />;
}
