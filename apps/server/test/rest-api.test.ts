/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- REST answers are JSON the assertions read as they come */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startRestServer, seg, type RestServer } from "./support/rest-server.ts";
import { until } from "./support/sfn-server.ts";

const pass = { StartAt: "P", States: { P: { Type: "Pass", Result: { ok: true }, End: true } } };
const waitLong = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 3600, End: true } } };

for (const b of backends) {
  describe.skipIf(!b.available)(`REST /v1 on ${b.name}`, () => {
    let backend: Backend;
    let s: RestServer;
    let activityMachine: string;
    let activityArn: string;

    beforeAll(async () => {
      backend = await b.open();
      s = await startRestServer(backend);
      activityArn = (await s.call("POST", "/activities", { name: "approve" })).body.activityArn;
      const created = await s.call("POST", "/state-machines", {
        name: "approval",
        definition: { StartAt: "Ask", States: { Ask: { Type: "Task", Resource: activityArn, End: true } } },
      });
      activityMachine = created.body.stateMachineArn;
    });

    afterAll(async () => {
      await s?.close();
      await backend?.close();
    });

    async function finished(executionArn: string): Promise<Record<string, unknown>> {
      return until(async () => {
        const { body } = await s.call("GET", `/executions/${seg(executionArn)}`);
        return body.status === "RUNNING" ? undefined : body;
      }, `${executionArn} to finish`);
    }

    it("creates, describes, lists, updates, versions and deletes state machines", async () => {
      const created = await s.call("POST", "/state-machines", { name: "crud", definition: pass });
      expect(created.status).toBe(201);
      const arn: string = created.body.stateMachineArn;
      expect(arn).toBe("arn:aws:states:us-east-1:123456789012:stateMachine:crud");
      expect(Date.parse(created.body.creationDate)).not.toBeNaN();

      const described = await s.call("GET", `/state-machines/${seg(arn)}`);
      expect(described.status).toBe(200);
      expect(JSON.parse(described.body.definition)).toEqual(pass);
      expect(described.body).toMatchObject({ name: "crud", type: "STANDARD", status: "ACTIVE" });

      const again = await s.call("POST", "/state-machines", { name: "crud", definition: waitLong });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: "StateMachineAlreadyExists", status: 409 });

      const v1 = await s.call("POST", `/state-machines/${seg(arn)}/versions`, { description: "first" });
      expect(v1.status).toBe(201);
      expect(v1.body.stateMachineVersionArn).toBe(`${arn}:1`);
      const updated = await s.call("PATCH", `/state-machines/${seg(arn)}`, {
        definition: JSON.stringify(waitLong),
        publish: true,
      });
      expect(updated.status).toBe(200);
      expect(updated.body.stateMachineVersionArn).toBe(`${arn}:2`);
      const versions = await s.call("GET", `/state-machines/${seg(arn)}/versions?limit=1`);
      expect(
        versions.body.items.map((v: { stateMachineVersionArn: string }) => v.stateMachineVersionArn),
      ).toEqual([`${arn}:2`]);
      const older = await s.call(
        "GET",
        `/state-machines/${seg(arn)}/versions?cursor=${versions.body.nextCursor}`,
      );
      expect(
        older.body.items.map((v: { stateMachineVersionArn: string }) => v.stateMachineVersionArn),
      ).toEqual([`${arn}:1`]);
      expect(older.body.nextCursor).toBeUndefined();
      const first = await s.call("GET", `/state-machines/${seg(`${arn}:1`)}`);
      expect(JSON.parse(first.body.definition)).toEqual(pass);

      expect((await s.call("DELETE", `/state-machines/${seg(`${arn}:1`)}`)).status).toBe(204);
      expect((await s.call("GET", `/state-machines/${seg(`${arn}:1`)}`)).status).toBe(404);

      const listed = await s.call("GET", "/state-machines?limit=1000");
      expect(listed.body.items.map((m: { name: string }) => m.name)).toContain("crud");
      expect((await s.call("DELETE", `/state-machines/${seg(arn)}`)).status).toBe(204);
      const gone = await s.call("GET", `/state-machines/${seg(arn)}`);
      expect(gone.status).toBe(404);
      expect(gone.type).toContain("application/problem+json");
      expect(gone.body).toEqual({
        type: "urn:stepflow:problem:StateMachineDoesNotExist",
        title: "State machine does not exist",
        status: 404,
        code: "StateMachineDoesNotExist",
        detail: `State Machine Does Not Exist: '${arn}'`,
      });
    });

    it("rejects an invalid definition with every problem listed", async () => {
      const bad = await s.call("POST", "/state-machines", {
        name: "bad",
        definition: { StartAt: "Nope", States: { A: { Type: "Pass", Next: "B" } } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe("InvalidDefinition");
      expect(bad.body.detail).toContain('"B"');
      expect(bad.body.detail).toContain("Nope");
    });

    it("starts, describes, lists with a status filter and pages, and reads history with a cursor", async () => {
      const arn = (await s.call("POST", "/state-machines", { name: "listed", definition: pass })).body
        .stateMachineArn;
      const started = await s.call("POST", "/executions", {
        stateMachineArn: arn,
        name: "e1",
        input: { n: 1 },
      });
      expect(started.status).toBe(201);
      const e1: string = started.body.executionArn;
      expect(e1).toBe("arn:aws:states:us-east-1:123456789012:execution:listed:e1");
      const done = await finished(e1);
      expect(done).toMatchObject({ status: "SUCCEEDED", input: { n: 1 }, output: { ok: true }, name: "e1" });

      const same = await s.call("POST", "/executions", { stateMachineArn: arn, name: "e1", input: { n: 2 } });
      expect(same.status).toBe(409);
      expect(same.body.code).toBe("ExecutionAlreadyExists");

      for (const name of ["e2", "e3"]) await s.call("POST", "/executions", { stateMachineArn: arn, name });
      for (const name of ["e2", "e3"]) await finished(`${e1.slice(0, -2)}${name}`);
      const q = `stateMachineArn=${seg(arn)}`;
      const page1 = await s.call("GET", `/executions?${q}&limit=2`);
      expect(page1.body.items).toHaveLength(2);
      const page2 = await s.call("GET", `/executions?${q}&limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.nextCursor).toBeUndefined();
      const names = [...page1.body.items, ...page2.body.items].map((e: { name: string }) => e.name).sort();
      expect(names).toEqual(["e1", "e2", "e3"]);
      expect((await s.call("GET", `/executions?${q}&status=SUCCEEDED`)).body.items).toHaveLength(3);
      expect((await s.call("GET", `/executions?${q}&status=RUNNING`)).body.items).toHaveLength(0);

      const history = await s.call("GET", `/executions/${seg(e1)}/history?limit=2`);
      expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
        "ExecutionStarted",
        "PassStateEntered",
      ]);
      const rest = await s.call("GET", `/executions/${seg(e1)}/history?cursor=${history.body.nextCursor}`);
      expect(rest.body.items.map((e: { type: string }) => e.type)).toEqual([
        "PassStateExited",
        "ExecutionSucceeded",
      ]);
      const reversed = await s.call(
        "GET",
        `/executions/${seg(e1)}/history?reverse=true&includeData=false&limit=1`,
      );
      expect(reversed.body.items[0].type).toBe("ExecutionSucceeded");
      expect(reversed.body.items[0].executionSucceededEventDetails?.output).toBeUndefined();
    });

    it("stops a running execution and redrives a failed one", async () => {
      const waiting = (await s.call("POST", "/state-machines", { name: "waiting", definition: waitLong }))
        .body.stateMachineArn;
      const run = (await s.call("POST", "/executions", { stateMachineArn: waiting })).body.executionArn;
      const stopped = await s.call("POST", `/executions/${seg(run)}/stop`, { error: "Bored", cause: "test" });
      expect(stopped.status).toBe(200);
      expect(Date.parse(stopped.body.stopDate)).not.toBeNaN();
      expect(await finished(run)).toMatchObject({ status: "ABORTED" });
      const notFailed = await s.call("POST", `/executions/${seg(`${run}x`)}/redrive`);
      expect(notFailed.status).toBe(404);

      // A failed activity task, redriven: the task is scheduled again and then succeeds.
      const exec = (
        await s.call("POST", "/executions", { stateMachineArn: activityMachine, input: { q: 1 } })
      ).body.executionArn;
      const task = await s.call("POST", `/activities/${seg(activityArn)}/task`, {
        workerName: "w1",
        waitSeconds: 10,
      });
      expect(task.status).toBe(200);
      expect(task.body.input).toEqual({ q: 1 });
      expect((await s.call("POST", `/tasks/${task.body.taskToken}/heartbeat`)).status).toBe(204);
      const failed = await s.call("POST", `/tasks/${task.body.taskToken}/failure`, {
        error: "No",
        cause: "denied",
      });
      expect(failed.status).toBe(204);
      expect(await finished(exec)).toMatchObject({ status: "FAILED", error: "No", cause: "denied" });
      const late = await s.call("POST", `/tasks/${task.body.taskToken}/success`, { output: {} });
      expect(late.status).toBe(410);
      expect(late.body.code).toBe("TaskTimedOut");

      const redriven = await s.call("POST", `/executions/${seg(exec)}/redrive`);
      expect(redriven.status).toBe(200);
      const again = await s.call("POST", `/activities/${seg(activityArn)}/task`, { waitSeconds: 10 });
      expect(again.status).toBe(200);
      const ok = await s.call("POST", `/tasks/${again.body.taskToken}/success`, {
        output: { approved: true },
      });
      expect(ok.status).toBe(204);
      expect(await finished(exec)).toMatchObject({
        status: "SUCCEEDED",
        output: { approved: true },
        redriveCount: 1,
      });
      const twice = await s.call("POST", `/executions/${seg(exec)}/redrive`);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe("ExecutionNotRedrivable");
    });

    it("serves activities: create is idempotent, describe, list, empty poll is 204, delete", async () => {
      const a = await s.call("POST", "/activities", { name: "review" });
      expect(a.status).toBe(201);
      const b2 = await s.call("POST", "/activities", { name: "review" });
      expect(b2.body.activityArn).toBe(a.body.activityArn);
      expect((await s.call("GET", `/activities/${seg(a.body.activityArn)}`)).body.name).toBe("review");
      const listed = await s.call("GET", "/activities");
      expect(listed.body.items.map((x: { name: string }) => x.name)).toEqual(["approve", "review"]);
      const empty = await s.call("POST", `/activities/${seg(a.body.activityArn)}/task`, { waitSeconds: 0 });
      expect(empty.status).toBe(204);
      expect((await s.call("DELETE", `/activities/${seg(a.body.activityArn)}`)).status).toBe(204);
      const missing = await s.call("GET", `/activities/${seg(a.body.activityArn)}`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe("ActivityDoesNotExist");
    });

    it.each([
      ["POST", "/state-machines", "{not json", 400, "SerializationException"],
      ["POST", "/state-machines", "[1]", 400, "ValidationException"],
      ["POST", "/state-machines", { name: 5, definition: pass }, 400, "ValidationException"],
      ["POST", "/state-machines", { name: "x y", definition: pass }, 400, "InvalidName"],
      [
        "POST",
        "/state-machines",
        { name: "typo", definition: pass, rolearn: "x" },
        400,
        "ValidationException",
      ],
      ["POST", "/state-machines", { name: "t", definition: pass, type: "FAST" }, 400, "ValidationException"],
      ["GET", "/state-machines?limit=0", undefined, 400, "ValidationException"],
      ["GET", "/state-machines?cursor=%%%", undefined, 400, "InvalidToken"],
      ["GET", "/state-machines?limit=1&limit=2", undefined, 400, "ValidationException"],
      ["GET", "/executions", undefined, 400, "ValidationException"],
      ["GET", "/executions/arn:nope", undefined, 400, "InvalidArn"],
      [
        "GET",
        `/executions/${seg("arn:aws:states:us-east-1:123456789012:execution:m:x")}`,
        undefined,
        404,
        "ExecutionDoesNotExist",
      ],
      ["GET", `/executions?stateMachineArn=x&status=DONE`, undefined, 400, "ValidationException"],
      [
        "POST",
        "/executions",
        { stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:none" },
        404,
        "StateMachineDoesNotExist",
      ],
      ["POST", "/tasks/garbage/success", { output: 1 }, 400, "InvalidToken"],
      [
        "POST",
        `/tasks/${Buffer.from("arn:aws:states:us-east-1:1:execution:m:x").toString("base64url")}.abc/heartbeat`,
        undefined,
        404,
        "TaskDoesNotExist",
      ],
      ["POST", "/activities/arn:x/task", { waitSeconds: 61 }, 400, "ValidationException"],
      ["GET", "/executions/%ZZ", undefined, 400, "ValidationException"],
      ["GET", "/state-machines/%00/versions", undefined, 400, "InvalidArn"],
      ["POST", "/tasks/a%01b/heartbeat", undefined, 400, "InvalidToken"],
      ["GET", "/executions?stateMachineArn=a%00b", undefined, 400, "ValidationException"],
      ["GET", "/nothing-here", undefined, 404, "NotFound"],
      ["PUT", "/state-machines", {}, 404, "NotFound"],
    ])("%s %s → %i %s", async (method, path, body, status, code) => {
      const answer = await s.call(method, path, body);
      expect(answer.status).toBe(status);
      expect(answer.type).toContain("application/problem+json");
      expect(answer.body).toMatchObject({ status, code, type: `urn:stepflow:problem:${code}` });
      expect(answer.body.title).toEqual(expect.any(String));
      expect(answer.body.detail).not.toMatch(/\n\s+at /);
    });

    it("answers a body over the limit with 413 and logs nothing", async () => {
      const answer = await s.call("POST", "/executions", {
        stateMachineArn: "x",
        input: "y".repeat(3 * 1024 * 1024),
      });
      expect(answer.status).toBe(413);
      expect(answer.body.code).toBe("PayloadTooLarge");
      expect(s.logged.filter((l) => l.level === "error")).toEqual([]);
    });
  });
}
