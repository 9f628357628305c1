/* global document, fetch, EventSource, location, URLSearchParams, Option */
// The storefront page: places orders through this example's API and shows each order's updates, which
// the order-progress and order-outcome rules deliver to the storefront-updates queue and the server
// pushes here over Server-Sent Events. The states of each fulfilment run come from /v1's event stream.

const token = new URLSearchParams(location.search).get("access_token");
const withToken = (url) =>
  token ? `${url}${url.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(token)}` : url;
const headers = token ? { authorization: `Bearer ${token}` } : {};

const catalog = await (await fetch(withToken("api/catalog"), { headers })).json();
const quantities = new Map();

const tbody = document.querySelector("#products tbody");
for (const product of catalog.products) {
  const row = document.createElement("tr");
  const input = Object.assign(document.createElement("input"), { type: "number", min: "0", value: "1" });
  quantities.set(product.sku, input);
  row.append(cell(product.name), cell(product.price.toFixed(2)), cell(input));
  tbody.append(row);
}
for (const customer of catalog.customers) {
  document.querySelector("#customer").append(new Option(customer.label, customer.customerId));
}
for (const card of catalog.cards) document.querySelector("#card").append(new Option(card.label, card.card));

document.querySelector("#place").addEventListener("click", async () => {
  const error = document.querySelector("#error");
  error.textContent = "";
  const items = catalog.products
    .map((p) => ({ sku: p.sku, price: p.price, quantity: Number(quantities.get(p.sku).value) }))
    .filter((item) => item.quantity > 0);
  const body = {
    customerId: document.querySelector("#customer").value,
    items,
    payment: { card: document.querySelector("#card").value },
  };
  if (document.querySelector("#busy").checked) body.simulate = { inventoryBusyAttempts: 1 };
  if (document.querySelector("#invalid").checked) body.total_amount = 1;
  const response = await fetch(withToken("api/orders"), {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    error.textContent = answer.message;
    return;
  }
  follow(answer.order.orderId);
});

// Orders placed elsewhere (curl, the AWS CLI) can be watched too: ?follow=ord-1,ord-2
for (const orderId of new URLSearchParams(location.search).get("follow")?.split(",") ?? []) follow(orderId);

/** Shows one order and follows its updates live. */
function follow(orderId) {
  const item = document.createElement("li");
  item.className = "order";
  const title = document.createElement("h3");
  const badge = Object.assign(document.createElement("span"), { className: "badge", textContent: "placed" });
  const heading = document.createTextNode(orderId);
  title.append(heading, badge);
  const updates = Object.assign(document.createElement("ol"), { className: "updates" });
  const states = Object.assign(document.createElement("p"), { className: "states" });
  item.append(title, updates, states);
  document.querySelector("#order-list").prepend(item);

  const stream = new EventSource(withToken(`api/orders/${encodeURIComponent(orderId)}/events`));
  stream.addEventListener("update", (message) => {
    const update = JSON.parse(message.data);
    updates.append(
      Object.assign(document.createElement("li"), {
        textContent: `${update.time.slice(11, 19)} ${update.summary}`,
      }),
    );
    if (update.kind === "OrderCreated") {
      const order = update.detail.data;
      heading.textContent = `${orderId} — ${order.customerId}, ${order.quantity} item(s), total ${order.total_amount}`;
    }
    if (update.kind === "CustomerStatusDetermined") badge.textContent = update.detail.data.customer.status;
    if (update.kind === "OrderFulfilled") setBadge(badge, "fulfilled");
    if (update.kind === "OrderFailed") setBadge(badge, "failed");
    if (update.workflow === "order-fulfillment") {
      if (update.status === "RUNNING") watchStates(update.executionArn, states);
      else if (update.status !== "SUCCEEDED") setBadge(badge, "failed");
    }
  });
}

/** The states the fulfilment run enters, as the engine records them (GET /v1/executions/{arn}/events). */
function watchStates(executionArn, target) {
  const entered = [];
  const stream = new EventSource(withToken(`/v1/executions/${encodeURIComponent(executionArn)}/events`));
  stream.addEventListener("history", (message) => {
    const event = JSON.parse(message.data);
    const name = event.stateEnteredEventDetails?.name;
    if (name === undefined) return;
    entered.push(name);
    target.textContent = `states: ${entered.join(" → ")}`;
  });
  stream.addEventListener("end", () => stream.close());
  stream.addEventListener("error", () => stream.close());
}

function setBadge(badge, status) {
  badge.textContent = status;
  badge.className = `badge ${status}`;
}

function cell(content) {
  const td = document.createElement("td");
  td.append(content);
  return td;
}
