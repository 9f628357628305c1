import type { OrderItem } from "./order.ts";

/** One packed parcel. */
export interface Package {
  packageId: string;
  sku: string;
  quantity: number;
  weightGrams: number;
}

/** A booked shipment. */
export interface Shipment {
  trackingNumber: string;
  carrier: "express" | "standard";
  packages: number;
}

/** Packs one order line into its own parcel (deterministic, so a re-run packs the same parcel). */
export function packItem(orderId: string, index: number, item: OrderItem): Package {
  return {
    packageId: `pkg-${orderId}-${index + 1}`,
    sku: item.sku,
    quantity: item.quantity,
    weightGrams: 250 * item.quantity,
  };
}

/** Books the parcels with a carrier: VIP customers ship express. The tracking number derives from the order. */
export function createShipment(
  orderId: string,
  customerStatus: string,
  packages: readonly Package[],
): Shipment {
  let hash = 0;
  for (const char of orderId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return {
    trackingNumber: `SF${hash.toString().padStart(10, "0")}`,
    carrier: customerStatus === "vip" ? "express" : "standard",
    packages: packages.length,
  };
}
