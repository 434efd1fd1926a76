// Acme: second half of the demo inbox, ending with a few contacts who have
// not written yet (they were imported from the shop's customer list).

import { DELETED, POST, SYSTEM, TASK, type DemoContactScript } from "./demo-script";

export const ACME_CONTACTS_2: readonly DemoContactScript[] = [
  {
    name: "Ingrid Johansson",
    email: "ingrid.johansson@example.se",
    unread: { bob: 2 },
    script: [
      ["1w", "contact", "The reclining mechanism on my Oslo recliner has stopped working after 14 months. Is that covered by the warranty?"],
      ["6d23h", "bob", "Hi Ingrid, yes: mechanisms are covered for 5 years. Could you send your order number and a short video of the issue?"],
      ["6d20h", "contact", "Order #A-07731. Video sent to warranty@acme.test."],
      ["6d2h", "bob", "Got it, thanks! A technician visit is being arranged."],
      ["6d2h", "bob", "Book warranty technician for Ingrid (Oslo recliner, #A-07731)", TASK],
      ["7h", "contact", "The technician came but said he needs a replacement part. How long will that take?"],
      ["6h", "contact", "He left a reference: WR-5521."],
    ],
  },
  {
    name: "Rahul Mehta",
    phone: "+16465550187",
    email: "rahul.mehta@example.com",
    unread: { alice: 1 },
    script: [
      ["10d", "contact", "We're fitting out a new office for 40 people. Do you offer volume pricing on the Ergo Pro task chair?"],
      ["9d22h", "alice", "Hi Rahul! We do: 10% off from 20 units and 15% from 40. I'll put a formal quote together today."],
      ["9d18h", "alice", "Quote Q-2291 sent: 40 × Ergo Pro at $263.50 each, delivery and assembly included, valid for 30 days."],
      ["9d18h", "alice", "Rahul is a potential B2B account; loop in sales if he asks for invoicing terms.", POST],
      ["9d2h", "contact", "Thanks Alice, looks good. Can we pay by invoice with 30-day terms rather than card?"],
      ["9d1h", "alice", "Yes, we can offer net-30 for business accounts. I've sent the credit application form."],
      ["50m", "contact", "Credit application is signed and returned. Our finance team asked whether the quote can be extended by two weeks because the lease start date moved to the first of next month."],
    ],
  },
  {
    name: "Hannah Goldberg",
    email: "hannah.goldberg@example.com",
    script: [
      ["2w2d", "contact", "I bought a $100 e-gift card for my sister but she never got the email."],
      ["2w2d", "bob", "Hi Hannah, it looks like it went to hanah.goldberg@example.com (one 'n'). I've resent it to the right address."],
      ["2w2d", "contact", "Oh, my typo! Thank you, she has it now."],
    ],
  },
  {
    name: "Diego Fernández",
    phone: "+17185550126",
    unread: { alice: 2, bob: 2 },
    script: [
      ["3d5h", "contact", "Hi, I need to reschedule the bed assembly appointment booked for tomorrow at 10am."],
      ["3d4h", "bob", "No problem, Diego. We have Friday 1pm or Monday 9am."],
      ["3d4h", "contact", "Monday 9am works."],
      ["3d3h", "bob", "Done, you're booked for Monday 9:00–11:00. The technician will call 30 minutes before arriving."],
      ["1h20m", "contact", "Hi, it's Monday and I haven't had a call yet. Is the technician still coming?"],
      ["15m", "contact", "Never mind, he just called. Thanks!"],
    ],
  },
  {
    name: "Aroha Ngata",
    email: "aroha.ngata@example.nz",
    unread: { bob: 1 },
    script: [
      ["4d2h", "contact", "Kia ora! What's the best way to clean the Saddle leather ottoman? My toddler got crayon on it."],
      ["4d1h", "alice", "Kia ora Aroha! A soft cloth with a drop of pH-neutral leather cleaner works best; please avoid baby wipes, they dry the leather out."],
      ["4d", "contact", "It worked, thank you!"],
      ["22h", "contact", "Do you sell the leather conditioner you mentioned in your care guide?"],
    ],
  },
  {
    name: "Yusuf Demir",
    phone: "+447700900789",
    script: [
      ["5d", "contact", "Please cancel order #A-10444, I ordered the wrong size rug."],
      ["4d23h", "alice", "Hi Yusuf, order #A-10444 is cancelled and the $219.00 refund is on its way."],
      ["4d23h", "contact", "Thanks! I've ordered the 200×300 instead."],
      ["4d22h", "alice", "Conversation closed by Alice Anders", SYSTEM],
    ],
  },
  {
    name: "Grace Kim",
    phone: "+12135550172",
    email: "grace.kim@example.com",
    unread: { bob: 3 },
    script: [
      ["2d3h", "contact", "My loyalty points from the last two orders are missing from my account."],
      ["2d2h", "alice", "Conversation assigned to Bob Baker", SYSTEM],
      ["1d6h", "contact", "Orders were #A-10210 and #A-10288 in case you need them."],
      ["1d5h", "contact", "That should be about 1,150 points in total if I've calculated it right."],
      ["35m", "contact", "I'd like to use them this weekend during the sale, so it would be great to get this sorted before Friday."],
    ],
  },
  {
    name: "Mateo Silva",
    phone: "+13105550156",
    unread: { alice: 3, bob: 1 },
    script: [
      ["1d4h", "contact", "The cushions I received are mustard yellow, but I ordered the teal ones (order #A-10577)."],
      ["1d3h", "bob", "Sorry Mateo! We'll send the teal set today and a courier will collect the yellow ones when it arrives."],
      ["1d3h", "bob", "Hi Grace, your missing loyalty points have been added back to your account.", DELETED],
      ["1d2h", "contact", "Great, thank you."],
      ["3h20m", "contact", "The courier came, but they only had a collection note, no teal cushions."],
      ["3h15m", "contact", "So now I have no cushions at all 😅"],
    ],
  },
  {
    name: "Zainab Hussain",
    phone: "+12675550115",
    script: [
      ["1w3d", "contact", "Hi, can someone come out to measure for blinds? Five windows, ground floor."],
      ["1w3d", "bob", "Hi Zainab! We can do Wednesday 10am. The measure is free and takes about 45 minutes."],
      ["1w3d", "bob", "Your measuring appointment is confirmed for Wednesday 10am at 88 Larch Street.", DELETED],
      ["1w3d", "bob", "Sorry, address correction: confirmed for Wednesday 10am at 38 Larch Street."],
      ["1w2d", "contact", "Thank you, see you then."],
    ],
  },
  {
    name: "Patrick Byrne",
    email: "patrick.byrne@example.ie",
    script: [
      ["3w2d", "contact", "Could I get a VAT invoice for order #A-08812? My accountant needs it."],
      ["3w2d", "alice", "Hi Patrick, the VAT invoice is attached to your order confirmation email now. You can also download it from My Orders."],
      ["3w1d", "contact", "Found it, thanks."],
    ],
  },
  {
    name: "Eleni Papadopoulou",
    phone: "+13475550148",
    unread: { alice: 1, bob: 2 },
    script: [
      ["2d1h", "contact", "Hi! Will the Alba sideboard fit through a standard 80 cm door?"],
      ["2d", "alice", "Hi Eleni, yes: it ships flat-packed, the largest box is 190 × 48 × 14 cm."],
      ["1d23h", "contact", "Great, ordering now."],
      ["8m", "contact", "Order #A-10619 placed. Can the delivery team carry it up to the third floor? There's no lift in our building and the staircase is quite narrow, so I want to be sure before delivery day."],
    ],
  },
  {
    name: "Sipho Dlamini",
    email: "sipho.dlamini@example.co.za",
    unread: { bob: 1 },
    script: [
      ["5d3h", "contact", "The assembly instructions are missing from my Tova bunk bed box."],
      ["5d2h", "bob", "Hi Sipho, here's the PDF: https://acme.test/manuals/tova-bunk-bed.pdf. Sorry about that!"],
      ["5d2h", "contact", "Got it, thanks."],
      ["1d9h", "contact", "Built it! One bolt (part K, 8 × 60 mm) is missing though. Can you send one?"],
    ],
  },
  {
    name: "Camille Laurent",
    email: "camille.laurent@example.com",
    unread: { alice: 1 },
    script: [
      ["3d", "contact", "Just wanted to say the delivery crew on Tuesday were fantastic, really careful with our stairs."],
      ["2d23h", "alice", "Thank you Camille, that's lovely to hear! I've passed it on to the team."],
      ["2h10m", "contact", "Left a review on Instagram: 'Five stars for @acmehome, new sofa is gorgeous and the crew were so careful with our stairs!'", POST],
    ],
  },
  { name: "Olga Petrova", email: "olga.petrova@example.com", created: "6d" },
  { name: "Marcus Lee", phone: "+19175550131", created: "2d7h" },
  { name: "Beatriz Costa", phone: "+16025550119", email: "beatriz.costa@example.pt", created: "4h" },
];
