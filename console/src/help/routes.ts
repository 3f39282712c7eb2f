import type { RouteDef } from "../core/router";
import { isCustomer } from "../core/session";

// The customers' help center. Searching needs a signed-in customer too: the API's search takes
// a customer's (or the portal client's) token, and the console holds no machine credentials.
export const helpRoutes: RouteDef[] = [
  { path: "/help", load: () => import("./Search"), allow: isCustomer },
  { path: "/help/articles/:id", load: () => import("./Article"), allow: isCustomer },
  { path: "/tickets", load: () => import("./Tickets"), allow: isCustomer },
  { path: "/tickets/new", load: () => import("./NewTicket"), allow: isCustomer },
  { path: "/tickets/:id", load: () => import("./TicketDetail"), allow: isCustomer },
  { path: "/callback", load: () => import("./Callback"), allow: isCustomer },
  { path: "/chat", load: () => import("./chat/Chat"), allow: isCustomer },
];
