// Globex (home fibre internet): a smaller second organization, so the demo
// shows that inboxes are separated per organization.

import { POST, SYSTEM, TASK, type DemoContactScript } from "./demo-script";

export const GLOBEX_CONTACTS: readonly DemoContactScript[] = [
  {
    name: "Harriet Okafor",
    phone: "+15035550104",
    email: "harriet.okafor@example.com",
    unread: { dave: 2, olivia: 2 },
    script: [
      ["1d5h", "contact", "Hi, my internet has been dropping every evening around 8pm for the past week. Account GX-40213."],
      ["1d4h", "dave", "Hi Harriet, sorry about that! I can see line errors on your connection. Could you restart the router and tell me if the front light turns blue?"],
      ["1d4h", "contact", "Restarted. The light is blue now."],
      ["1d3h", "dave", "Thanks. I've reset the line profile on our side; let's see how tonight goes."],
      ["40m", "contact", "It dropped again at 8:05 last night, for about ten minutes. Then again at 8:40. I work from home in the evenings, so this really is a problem."],
      ["35m", "contact", "Could someone come out to check the wiring?"],
    ],
  },
  {
    name: "Ethan Brooks",
    phone: "+15125550178",
    unread: { dave: "all", olivia: 1 },
    script: [
      ["3h", "contact", "Callback requested via website form: wants to upgrade from 300 Mbps to 1 Gbps, asks about the installation fee.", TASK],
      ["2h50m", "contact", "Hi, I just filled in the form too. Is the gigabit plan available at 77 Cedar Lane?"],
      ["2h45m", "contact", "And is there a contract, or is it month to month?"],
    ],
  },
  {
    name: "Lucía Navarro",
    email: "lucia.navarro@example.es",
    script: [
      ["1w1d", "contact", "Hola, I need to move my installation appointment from Monday to later in the week."],
      ["1w1d", "dave", "Hola Lucía! Thursday 8am–12pm or Friday 1pm–5pm are available."],
      ["1w", "contact", "Thursday morning please."],
      ["1w", "dave", "Installation moved to Thursday 8am–12pm. The engineer will text you 30 minutes before arriving."],
      ["6d", "contact", "All installed, everything works. Thanks!"],
      ["6d", "dave", "Conversation closed by Dave Dixon", SYSTEM],
    ],
  },
  {
    name: "Wei Zhang",
    phone: "+12065550152",
    unread: { dave: 1 },
    script: [
      ["4d", "contact", "Why did my bill go up from $55 to $70 this month?"],
      ["3d23h", "dave", "Hi Wei, your 12-month promotional rate ended on the 1st. I can move you to our 500 Mbps plan for $60 if you'd like."],
      ["3d23h", "dave", "Customer asked about bill increase; offered retention plan at $60. Follow up if no reply in 3 days.", POST],
      ["3d22h", "contact", "Let me think about it."],
      ["2h", "contact", "OK, please switch me to the $60 plan starting next billing cycle."],
    ],
  },
  {
    name: "Amara Nwosu",
    email: "amara.nwosu@example.com",
    script: [
      ["2w", "contact", "Can I get a static IP address on the home plan?"],
      ["2w", "dave", "Hi Amara, static IPs are available as a $10/month add-on. Want me to add it?"],
      ["1w6d", "contact", "Yes please."],
      ["1w6d", "dave", "Done! Your static IP is 203.0.113.42; it will be active after your next router restart."],
    ],
  },
  { name: "Jonas Becker", phone: "+447700900321", created: "3d" },
];
