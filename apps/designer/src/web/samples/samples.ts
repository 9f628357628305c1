import identityConfirmation from "./identity-confirmation.asl.json?raw";
import orderFulfillment from "./order-fulfillment.asl.json?raw";

/** A definition shipped with the designer, opened as is (its exact bytes). */
export interface Sample {
  id: string;
  title: string;
  text: string;
}

/** The example workflows, shipped as samples until examples/ has them. */
export const SAMPLES: readonly Sample[] = [
  { id: "order-fulfillment", title: "Order fulfillment (sample)", text: orderFulfillment },
  { id: "identity-confirmation", title: "Identity confirmation (sample)", text: identityConfirmation },
];
