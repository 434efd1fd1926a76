// What a furniture shop's customers write: the simulator's and the bench's inbound bodies.
export const CUSTOMER_MESSAGES = [
  "Hi! Just checking on my order, it was supposed to arrive yesterday.",
  "Can I change the delivery address? I'm moving next week.",
  "The replacement part arrived, thank you so much for the quick help!",
  "Is the blue version back in stock yet?",
  "I was charged twice for order #A-10734, could you take a look?",
  "Can someone call me back about the warranty? Afternoons work best.",
  "Do you ship to Canada? I'd like to send a gift to my sister in Toronto before the holidays.",
  "The app keeps logging me out when I try to track my parcel. Screenshot attached.",
  "Thanks! That worked 🙌",
  "Could I get an invoice with my company name on it for the accounting team?",
];
