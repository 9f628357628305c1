/* global document, fetch, EventSource, location, URLSearchParams, setInterval, crypto */
// The simulated smart door and the phone: buttons publish Door Status events through this example's
// API; the phone list is the notification target's live stream; the runs list polls the latest
// identity-confirmation executions.

const token = new URLSearchParams(location.search).get("access_token");
const withToken = (url) =>
  token ? `${url}${url.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(token)}` : url;
const headers = token ? { authorization: `Bearer ${token}` } : {};

const people = await (await fetch(withToken("api/people"), { headers })).json();
const buttons = [
  ...Object.entries(people.residents).map(([id, name]) => [`${name} (resident)`, id]),
  ["a visitor: mallory", "mallory"],
  ["nobody the camera can match (no personId)", undefined],
  [`a blurred camera image (identification error)`, people.unreadable],
];
for (const [label, personId] of buttons) {
  const button = Object.assign(document.createElement("button"), { textContent: label });
  button.addEventListener("click", () => open(personId));
  document.querySelector("#people").append(button);
}
document
  .querySelector("#open-custom")
  .addEventListener("click", () => open(document.querySelector("#person").value));
document.querySelector("#twice").addEventListener("click", async () => {
  const key = crypto.randomUUID();
  const first = await open("bob", key);
  const second = await open("bob", key);
  document.querySelector("#sent").textContent =
    `sent twice with idempotency-key ${key}: event ids ${first.eventId} and ${second.eventId}`;
});

async function open(personId, idempotencyKey) {
  const response = await fetch(withToken("api/door/open"), {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ personId, idempotencyKey }),
  });
  const answer = await response.json();
  document.querySelector("#sent").textContent = response.ok
    ? `door event ${answer.eventId} sent`
    : answer.message;
  return answer;
}

const stream = new EventSource(withToken("api/notifications/events"));
stream.addEventListener("notification", (message) => {
  const n = JSON.parse(message.data);
  const item = document.createElement("li");
  if (n.kind !== "door-opened") item.className = "alert";
  const details =
    n.kind === "door-opened"
      ? `person: ${n.personId ?? "unknown"}`
      : n.kind === "unrecognized-person"
        ? n.reason
        : `${n.error}: ${n.cause}`;
  item.append(
    Object.assign(document.createElement("strong"), { textContent: n.title }),
    Object.assign(document.createElement("small"), { textContent: `${n.time} — ${details}` }),
  );
  document.querySelector("#notifications").prepend(item);
});

async function refreshVisits() {
  const { visits } = await (await fetch(withToken("api/visits"), { headers })).json();
  const list = document.querySelector("#visits");
  list.replaceChildren(
    ...visits.map((v) => {
      const item = document.createElement("li");
      item.className = v.status;
      const outcome = v.output ? JSON.stringify(v.output) : v.error ? `${v.error}: ${v.cause}` : "running…";
      item.append(
        Object.assign(document.createElement("strong"), {
          textContent: `${v.status} — ${v.personId ?? "no personId"}`,
        }),
        Object.assign(document.createElement("small"), { textContent: outcome }),
      );
      return item;
    }),
  );
}
await refreshVisits();
setInterval(() => void refreshVisits(), 1500);
