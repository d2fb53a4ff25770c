// Verifies what the agent forwarded with the libraries consumers use themselves: one JSON object
// per input line, {"kind": "standard", "secret", "headers", "body"} (Standard Webhooks) or
// {"kind": "github", "secret", "signature", "body"} (GitHub's X-Hub-Signature-256, as Octokit
// checks it); one {"ok", "reason"} per output line.
import { Webhook } from "standardwebhooks";
import { verify } from "@octokit/webhooks-methods";
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  const check = JSON.parse(line);
  let ok = false;
  let reason = "";
  try {
    if (check.kind === "standard") {
      new Webhook(check.secret).verify(check.body, check.headers);
      ok = true;
    } else if (check.kind === "github") {
      ok = await verify(check.secret, check.body, check.signature);
      if (!ok) reason = "signature does not match";
    } else {
      reason = `unknown kind ${check.kind}`;
    }
  } catch (error) {
    reason = String(error?.message ?? error);
  }
  console.log(JSON.stringify({ ok, reason }));
}
