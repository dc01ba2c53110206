// The kept multi-table cases (raw, mangle, nat and security around filter) against the kernel again:
// the verdicts recorded in reach-tables.cases.ts must still be what a real connection meets, and the
// engine must name them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, reach } from 'firewall-rules-server/build/core';
import { kernelView, PROBE_CLIENT } from 'firewall-rules-server/build/test-support/reach.cases';
import { TABLE_CASE_LISTEN, TABLE_CASES } from 'firewall-rules-server/build/test-support/reach-tables.cases';
import { probeKernel, truthUnavailable } from 'firewall-rules-server/build/test-support/netns';

const why = truthUnavailable();
if (why) console.log(`multi-table reachability cases skipped: ${why}`);

describe('reach through every table agrees with the kernel', { skip: why }, () => {
  for (const c of TABLE_CASES) {
    test(c.name, async () => {
      const ports = Object.keys(c.kernel).map(Number);
      const probed = await probeKernel(c.text, ports, { listen: TABLE_CASE_LISTEN });
      assert.equal(probed.loaded.status, 0, probed.loaded.stderr);
      const file = parse(c.text);
      for (const port of ports) {
        const kernel = probed.verdicts.get(port);
        assert.equal(kernel, c.kernel[port], `port ${port}: the kernel changed its mind`);
        const ours = kernelView(reach(file, { port, ...PROBE_CLIENT }));
        assert.ok(kernel && ours.includes(kernel), `port ${port}: engine ${ours.join('|')}, kernel ${kernel}`);
      }
    });
  }
});
