import { InboxPage, inboxMetadata } from "./inbox-page";

// Per request: counts and the Pusher config are read at request time.
export const dynamic = "force-dynamic";

export const generateMetadata = () => inboxMetadata(null);

export default function Page() {
  return <InboxPage contactId={null} />;
}
