// The reachability engine against the kernel: random small filter tables are loaded into a
// namespace joined by a veth to a client namespace, and a TCP connection that exchanges data is
// tried on each port. The engine must name the same outcome every time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, reach, type Reach } from 'firewall-rules-server/build/core';
import { kernelView, PROBE_CLIENT, REACH_CASES } from 'firewall-rules-server/build/test-support/reach.cases';
import { probeKernel, truthUnavailable, type KernelVerdict } from 'firewall-rules-server/build/test-support/netns';
import { PROBE_PORTS, randomRuleset, rng } from 'firewall-rules-server/build/test-support/ruleset-generator';

const why = truthUnavailable();
if (why) console.log(`kernel reachability suite skipped: ${why}`);

const COUNT = Number(process.env.REACH_COUNT ?? 100);
const SEED = Number(process.env.REACH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PARALLEL = 6;

interface Disagreement {
  text: string;
  port: number;
  ours: string[];
  kernel: KernelVerdict | undefined;
}

async function check(text: string, ports: number[]): Promise<{ disagreements: Disagreement[]; undecided: number }> {
  const parsed = parse(text);
  const ours = new Map(ports.map((port) => [port, reach(parsed, { port, ...PROBE_CLIENT })]));
  const probed = await probeKernel(text, ports);
  assert.equal(probed.loaded.status, 0, `the ruleset must load:\n${text}\n${probed.loaded.stderr}`);
  const disagreements: Disagreement[] = [];
  let undecided = 0;
  for (const port of ports) {
    const r = ours.get(port) as Reach;
    if (r.possible.length > 1) undecided++;
    const expected = kernelView(r);
    const kernel = probed.verdicts.get(port);
    if (!kernel || !expected.includes(kernel)) disagreements.push({ text, port, ours: expected, kernel });
  }
  return { disagreements, undecided };
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: size }, worker));
}

describe('the reachability engine agrees with the kernel', { skip: why }, () => {
  test(`kept regression cases (${REACH_CASES.length})`, async () => {
    const found: Disagreement[] = [];
    await pool(REACH_CASES, PARALLEL, async (c) => {
      found.push(...(await check(c.text, Object.keys(c.kernel).map(Number))).disagreements);
    });
    assert.deepEqual(found, []);
  });

  test(`${COUNT} random rulesets, ${PROBE_PORTS.length} ports each, agree 100% (seed ${SEED})`, async () => {
    console.log(`kernel reachability: seed ${SEED} (replay with REACH_SEED=${SEED})`);
    const r = rng(SEED);
    const rulesets = Array.from({ length: COUNT }, () => randomRuleset(r));
    const found: Disagreement[] = [];
    let undecided = 0;
    const started = Date.now();
    await pool(rulesets, PARALLEL, async (text) => {
      const res = await check(text, PROBE_PORTS);
      found.push(...res.disagreements);
      undecided += res.undecided;
    });
    const total = COUNT * PROBE_PORTS.length;
    console.log(`kernel reachability: ${total - found.length}/${total} port verdicts agree (${((100 * (total - found.length)) / total).toFixed(2)}%), ${undecided} undecided by the engine, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const d of found.slice(0, 10)) console.log(`  port ${d.port}: engine ${d.ours.join('|')}, kernel ${d.kernel}\n${d.text.replace(/^/gm, '    ')}`);
    assert.equal(found.length, 0);
  });
});
