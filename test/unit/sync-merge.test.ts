import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceSyncedAccountCounter,
  changeSyncedAccountCode,
  chooseCodeVersion,
  createSyncedAccount,
  deleteSyncedAccount,
  editSyncedAccount,
  markSyncedAccountUsed,
  setSyncedAccountGroup,
  splitCodeVersion,
  type SyncWriter,
} from '../../shared/sync/account-edits';
import { addSyncedGroup, deleteSyncedGroup, moveSyncedGroup, renameSyncedGroup } from '../../shared/sync/group-edits';
import { canonicalJson, isAccountLive, mergeAccountSets, mergeSyncedAccounts, mergeSyncedGroups } from '../../shared/sync/merge';
import { isPosition, positionBetween, spreadPositions } from '../../shared/sync/position';
import { compareStamps, stampAfter, stampKey, type DeviceId, type Stamp } from '../../shared/sync/stamp';
import type { SyncedAccount } from '../../shared/sync/synced-account';
import { emptySyncedGroups } from '../../shared/sync/synced-groups';
import { viewSyncedAccount, viewSyncedAccounts, viewSyncedGroups } from '../../shared/sync/views';
import { A, at, B, C, SECRETS, vaultAccount } from './sync-helpers';

const base = () => createSyncedAccount(vaultAccount(), 'i', at(A, 0));
const codeOf = (secret: string) => ({ type: 'totp' as const, secret, algorithm: 'SHA1' as const, digits: 6, period: 30, counter: 0 });
/** Both directions of a merge, asserted equal: every pair test also checks commutativity. */
function both(a: SyncedAccount, b: SyncedAccount): SyncedAccount {
  const ab = mergeSyncedAccounts(a, b);
  expect(canonicalJson(mergeSyncedAccounts(b, a))).toBe(canonicalJson(ab));
  return ab;
}
const secretsOf = (account: SyncedAccount) => viewSyncedAccount('doc', account).map((view) => view.secret);

describe('mergeSyncedAccounts: two concurrent writes', () => {
  it('merges edits to different fields', () => {
    const merged = both(editSyncedAccount(base(), { issuer: 'GitHub Inc.' }, at(A, 10)), editSyncedAccount(base(), { note: 'work laptop' }, at(B, 5)));
    expect(merged.issuer.value).toBe('GitHub Inc.');
    expect(merged.note.value).toBe('work laptop');
  });

  it('keeps the later edit of one field', () => {
    const merged = both(editSyncedAccount(base(), { label: 'old' }, at(A, 10)), editSyncedAccount(base(), { label: 'new' }, at(B, 20)));
    expect(merged.label.value).toBe('new');
  });

  it('breaks a tie of updatedAt by the greater device id, whichever side merges', () => {
    const fromA = editSyncedAccount(base(), { label: 'from A' }, at(A, 10));
    const fromB = editSyncedAccount(base(), { label: 'from B' }, at(B, 10));
    expect(both(fromA, fromB).label.value).toBe('from B');
    expect(both(editSyncedAccount(base(), { label: 'from C' }, at(C, 10)), fromB).label.value).toBe('from C');
  });

  it('lets a delete win over an older edit', () => {
    const merged = both(editSyncedAccount(base(), { note: 'n' }, at(A, 10)), deleteSyncedAccount(base(), at(B, 20)));
    expect(isAccountLive(merged)).toBe(false);
    expect(viewSyncedAccount('doc', merged)).toEqual([]);
  });

  it('lets a newer edit win over a delete, bringing the whole account back', () => {
    const merged = both(editSyncedAccount(base(), { note: 'still used' }, at(A, 30)), deleteSyncedAccount(base(), at(B, 20)));
    expect(isAccountLive(merged)).toBe(true);
    const [view] = viewSyncedAccount('doc', merged);
    expect(view).toMatchObject({ note: 'still used', issuer: 'GitHub', label: 'alice@example.com', secret: SECRETS[0], conflict: null });
  });

  it('keeps a delete and a concurrent delete as one, the later', () => {
    const merged = both(deleteSyncedAccount(base(), at(A, 10)), deleteSyncedAccount(base(), at(B, 12)));
    expect(merged.deleted).toEqual({ updatedAt: at(B, 12).now, deviceId: B });
    expect(isAccountLive(merged)).toBe(false);
  });

  it('keeps both secrets of two concurrent secret changes, as two accounts marked as a conflict', () => {
    const merged = both(
      changeSyncedAccountCode(base(), codeOf(SECRETS[1]!), at(A, 10)),
      changeSyncedAccountCode(base(), codeOf(SECRETS[2]!), at(B, 20)),
    );
    const views = viewSyncedAccount('doc', merged);
    expect(views.map((view) => view.secret)).toEqual([SECRETS[2], SECRETS[1]]);
    expect(views[0]!.conflict).toEqual({ withVersions: [views[1]!.versionKey] });
    expect(views[1]!.conflict).toEqual({ withVersions: [views[0]!.versionKey] });
    expect(secretsOf(merged)).not.toContain(SECRETS[0]);
  });

  it('splits on a concurrent change of another code parameter too (digits)', () => {
    const merged = both(
      changeSyncedAccountCode(base(), { ...codeOf(SECRETS[0]!), digits: 8 }, at(A, 10)),
      changeSyncedAccountCode(base(), codeOf(SECRETS[1]!), at(B, 20)),
    );
    expect(viewSyncedAccount('doc', merged).map((view) => [view.secret, view.digits])).toEqual([
      [SECRETS[1], 6],
      [SECRETS[0], 8],
    ]);
  });

  it('merges a secret change with a concurrent rename into one account', () => {
    const merged = both(changeSyncedAccountCode(base(), codeOf(SECRETS[1]!), at(A, 10)), editSyncedAccount(base(), { issuer: 'GH' }, at(B, 5)));
    expect(viewSyncedAccount('doc', merged)).toEqual([expect.objectContaining({ secret: SECRETS[1], issuer: 'GH', conflict: null })]);
  });

  it('replaces, without a conflict, a secret the writer had seen', () => {
    const first = changeSyncedAccountCode(base(), codeOf(SECRETS[1]!), at(A, 10));
    const second = changeSyncedAccountCode(first, codeOf(SECRETS[2]!), at(B, 5)); // B's clock is behind, yet it saw A's change
    expect(secretsOf(both(first, second))).toEqual([SECRETS[2]]);
    expect(secretsOf(both(base(), second))).toEqual([SECRETS[2]]);
  });

  it('lets a secret change newer than a delete keep the account', () => {
    const merged = both(changeSyncedAccountCode(base(), codeOf(SECRETS[1]!), at(A, 30)), deleteSyncedAccount(base(), at(B, 20)));
    expect(secretsOf(merged)).toEqual([SECRETS[1]]);
  });

  it('merges group membership group by group', () => {
    const merged = both(setSyncedAccountGroup(base(), 'g-work', true, at(A, 10)), setSyncedAccountGroup(base(), 'g-home', true, at(B, 10)));
    expect(viewSyncedAccount('doc', merged)[0]!.groups).toEqual(['g-home', 'g-work']);
  });

  it('keeps the larger HOTP counter and the latest use, with no conflict', () => {
    const start = createSyncedAccount({ ...vaultAccount(), type: 'hotp', counter: 5 }, 'i', at(A, 0));
    const key = stampKey(start.codes[0]!);
    const merged = both(
      markSyncedAccountUsed(advanceSyncedAccountCounter(start, key, 7), at(A, 50).now),
      markSyncedAccountUsed(advanceSyncedAccountCounter(start, key, 6), at(B, 40).now),
    );
    expect(viewSyncedAccount('doc', merged)).toEqual([expect.objectContaining({ counter: 7, lastUsedAt: at(A, 50).now, conflict: null })]);
  });

  it('keeps two moves of different accounts', () => {
    const one = createSyncedAccount(vaultAccount(SECRETS[0]), 'a', at(A, 0));
    const two = createSyncedAccount(vaultAccount(SECRETS[1]), 'b', at(A, 0));
    const three = createSyncedAccount(vaultAccount(SECRETS[2]), 'c', at(A, 0));
    const onA = { one: editSyncedAccount(one, { position: positionBetween(null, 'a') }, at(A, 10)), two, three }; // three... one to the top: unchanged order
    const onB = { one, two, three: editSyncedAccount(three, { position: positionBetween('a', 'b') }, at(B, 10)) }; // three between one and two
    const order = viewSyncedAccounts(mergeAccountSets(onA, onB)).map((view) => view.secret);
    expect(order).toEqual([SECRETS[0], SECRETS[2], SECRETS[1]]);
  });
});

describe('stampAfter', () => {
  it('stamps after the value it replaces when this device clock is behind', () => {
    expect(stampAfter({ updatedAt: 1000, deviceId: A }, 500, B)).toEqual({ updatedAt: 1001, deviceId: B });
    expect(stampAfter({ updatedAt: 1000, deviceId: A }, 2000, B)).toEqual({ updatedAt: 2000, deviceId: B });
  });

  it('makes a delete after seeing an edit win over it even with a clock behind', () => {
    const edited = editSyncedAccount(base(), { note: 'x' }, at(A, 1000));
    expect(isAccountLive(deleteSyncedAccount(edited, at(B, 10)))).toBe(false);
  });
});

describe('settling a code conflict', () => {
  const conflicted = () =>
    mergeSyncedAccounts(
      changeSyncedAccountCode(base(), codeOf(SECRETS[1]!), at(A, 10)),
      changeSyncedAccountCode(base(), codeOf(SECRETS[2]!), at(B, 20)),
    );

  it('keeps the chosen version on every device', () => {
    const state = conflicted();
    const older = viewSyncedAccount('doc', state)[1]!;
    const chosen = chooseCodeVersion(state, older.versionKey, at(C, 30));
    expect(secretsOf(mergeSyncedAccounts(chosen, state))).toEqual([SECRETS[1]]);
  });

  it('keeps both secrets when two devices choose differently at once', () => {
    const state = conflicted();
    const [first, second] = viewSyncedAccount('doc', state);
    const merged = both(chooseCodeVersion(state, first!.versionKey, at(A, 30)), chooseCodeVersion(state, second!.versionKey, at(B, 30)));
    expect(secretsOf(merged).sort()).toEqual([SECRETS[1], SECRETS[2]].sort());
  });

  it('keeps both as two accounts when split', () => {
    const state = conflicted();
    const older = viewSyncedAccount('doc', state)[1]!;
    const { kept, split } = splitCodeVersion(state, older.versionKey, at(A, 30));
    expect(secretsOf(mergeSyncedAccounts(kept, state))).toEqual([SECRETS[2]]);
    expect(viewSyncedAccount('new', split)).toEqual([expect.objectContaining({ secret: SECRETS[1], issuer: 'GitHub', conflict: null })]);
  });
});

describe('mergeSyncedGroups', () => {
  const list = () => addSyncedGroup(addSyncedGroup(emptySyncedGroups(), 'g1', 'Work', 'i', at(A, 0)), 'g2', 'Home', 'r', at(A, 0));

  it('keeps a rename on one device and a move on another', () => {
    const merged = mergeSyncedGroups(renameSyncedGroup(list(), 'g1', 'Office', at(A, 10)), moveSyncedGroup(list(), 'g2', 'a', at(B, 10)));
    expect(viewSyncedGroups(merged)).toEqual([
      { id: 'g2', name: 'Home', order: 0 },
      { id: 'g1', name: 'Office', order: 1 },
    ]);
  });

  it('lets a delete win over an older rename and lose to a newer one', () => {
    const deleted = deleteSyncedGroup(list(), 'g1', at(B, 20));
    expect(viewSyncedGroups(mergeSyncedGroups(renameSyncedGroup(list(), 'g1', 'Old', at(A, 10)), deleted)).map((g) => g.name)).toEqual(['Home']);
    expect(viewSyncedGroups(mergeSyncedGroups(renameSyncedGroup(list(), 'g1', 'New', at(A, 30)), deleted)).map((g) => g.name)).toEqual([
      'New',
      'Home',
    ]);
  });

  it('numbers two groups of one name made on two devices at once', () => {
    const onA = addSyncedGroup(emptySyncedGroups(), 'ga', 'Work', 'i', at(A, 0));
    const onB = addSyncedGroup(emptySyncedGroups(), 'gb', 'work', 'i', at(B, 0));
    expect(viewSyncedGroups(mergeSyncedGroups(onA, onB)).map((g) => g.name)).toEqual(['Work', 'work (2)']);
    expect(viewSyncedGroups(mergeSyncedGroups(onB, onA))).toEqual(viewSyncedGroups(mergeSyncedGroups(onA, onB)));
  });
});

describe('positionBetween', () => {
  it('makes a position strictly between its neighbours, however often the same gap is used', () => {
    let high = 'i';
    for (let i = 0; i < 200; i++) {
      const next = positionBetween('h', high);
      expect(isPosition(next)).toBe(true);
      expect('h' < next && next < high).toBe(true);
      high = next;
    }
  });

  it('spreads positions in ascending order', () => {
    for (const count of [1, 2, 35, 36, 1000]) {
      const positions = spreadPositions(count);
      expect(positions).toHaveLength(count);
      expect(positions.every(isPosition)).toBe(true);
      expect([...positions].sort()).toEqual(positions);
      expect(new Set(positions).size).toBe(count);
    }
  });

  it('is ordered for any pair of neighbours (property)', () => {
    const position = fc.constantFrom(...spreadPositions(50));
    fc.assert(
      fc.property(fc.option(position), fc.option(position), (x, y) => {
        const [low, high] = x !== null && y !== null && x > y ? [y, x] : [x, y];
        const p = positionBetween(low, high);
        expect(isPosition(p)).toBe(true);
        if (low !== null) expect(p > low).toBe(true);
        if (high !== null && low !== high) expect(p < high).toBe(true);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// Property tests: random operations on 2-3 devices, random replication.

type Op =
  | { t: 'create'; d: number; doc: number; secret: number }
  | { t: 'edit'; d: number; doc: number; field: 'issuer' | 'label' | 'note' | 'favourite'; value: number }
  | { t: 'code'; d: number; doc: number; secret: number }
  | { t: 'choose'; d: number; doc: number; pick: number }
  | { t: 'split'; d: number; doc: number; pick: number }
  | { t: 'delete'; d: number; doc: number }
  | { t: 'group'; d: number; doc: number; group: number; member: boolean }
  | { t: 'counter'; d: number; doc: number; by: number }
  | { t: 'sync'; from: number; to: number };

const DEVICES = [A, B, C] as const;

function opArb(devices: number): fc.Arbitrary<{ op: Op; clock: number }> {
  const d = fc.nat(devices - 1);
  const doc = fc.nat(3); // doc-0 to doc-2 every device starts with; doc-3 made during the run
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ t: fc.constant('create' as const), d, doc, secret: fc.nat(SECRETS.length - 1) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('edit' as const), d, doc, field: fc.constantFrom('issuer', 'label', 'note', 'favourite'), value: fc.nat(3) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('code' as const), d, doc, secret: fc.nat(SECRETS.length - 1) }), weight: 3 },
    { arbitrary: fc.record({ t: fc.constant('choose' as const), d, doc, pick: fc.nat(3) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('split' as const), d, doc, pick: fc.nat(3) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('delete' as const), d, doc }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('group' as const), d, doc, group: fc.nat(2), member: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('counter' as const), d, doc, by: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('sync' as const), from: d, to: d }), weight: 3 },
  );
  // Clocks jump back and forth and collide on purpose: skewed devices and ties.
  return fc.record({ op, clock: fc.integer({ min: 0, max: 6 }) });
}

type World = Record<string, SyncedAccount>;

interface Run {
  /** Every state any device held, in order. */
  snapshots: World[];
  /** The devices' states at the end. */
  devices: World[];
  /** Every code version written: by creation, a change, a choice or a split. */
  codeWrites: Array<{ doc: string; key: string; secret: string; stamp: Stamp }>;
  /** Code versions a device replaced, having seen them (a change or a choice), or moved into a new account (a split). */
  knowinglyReplaced: Set<string>;
  /** Every delete, by document. */
  deletes: Array<{ doc: string; stamp: Stamp }>;
  /** Every stamped write other than a delete, by document (what can bring an account back). */
  writes: Array<{ doc: string; stamp: Stamp }>;
  /** Every write of a last-writer-wins field. */
  fieldWrites: Array<{ doc: string; field: string; stamp: Stamp; value: unknown }>;
}

const VALUES: Record<string, unknown[]> = {
  issuer: ['GitHub', 'GitLab', 'Acme', 'Bank'],
  label: ['alice', 'bob', 'carol', 'dave'],
  note: ['', 'n1', 'n2', 'n3'],
  favourite: [true, false, true, false],
};

function simulate(deviceCount: number, steps: ReadonlyArray<{ op: Op; clock: number }>): Run {
  // Three accounts every device already shares (made on A, replicated), as after a first sync.
  const shared: World = {};
  for (let n = 0; n < 3; n++) shared[`doc-${n}`] = createSyncedAccount(vaultAccount(SECRETS[n]), spreadPositions(3)[n]!, at(A, 0));
  const devices: World[] = Array.from({ length: deviceCount }, () => shared);
  const run: Run = { snapshots: [], devices, codeWrites: [], knowinglyReplaced: new Set(), deletes: [], writes: [], fieldWrites: [] };
  const created = new Set<string>(Object.keys(shared));
  for (const [doc, account] of Object.entries(shared)) {
    const version = account.codes[0]!;
    run.codeWrites.push({ doc, key: stampKey(version), secret: version.secret, stamp: version });
    run.writes.push({ doc, stamp: version });
    for (const field of ['issuer', 'label', 'note', 'favourite', 'icon', 'position'] as const) {
      run.fieldWrites.push({ doc, field, stamp: account[field], value: account[field].value });
      run.writes.push({ doc, stamp: account[field] });
    }
  }
  run.snapshots.push(shared);
  let splits = 0;
  const now = [0, 0, 0];
  steps.forEach(({ op, clock }, step) => {
    if (op.t === 'sync') {
      devices[op.to] = mergeAccountSets(devices[op.to]!, devices[op.from]!);
      run.snapshots.push(devices[op.to]!);
      return;
    }
    // Each device's own clock: mostly forward, with the random offset making devices disagree.
    now[op.d] = step * 3 + clock;
    const writer: SyncWriter = { now: 1_750_000_000_000 + now[op.d]!, deviceId: DEVICES[op.d] as DeviceId };
    const world = devices[op.d]!;
    const id = `doc-${op.doc}`;
    const current = world[id];
    const recordCodes = (doc: string, account: SyncedAccount, previous?: SyncedAccount) => {
      for (const version of account.codes) {
        const key = stampKey(version);
        if (previous?.codes.some((old) => stampKey(old) === key)) continue;
        run.codeWrites.push({ doc, key, secret: version.secret, stamp: { updatedAt: version.updatedAt, deviceId: version.deviceId } });
        run.writes.push({ doc, stamp: version });
      }
    };
    let next: SyncedAccount | undefined;
    if (op.t === 'create') {
      if (created.has(id)) return;
      created.add(id);
      next = createSyncedAccount(vaultAccount(SECRETS[op.secret]), 'i', writer);
      recordCodes(id, next);
      for (const field of ['issuer', 'label', 'note', 'favourite', 'icon', 'position'] as const) {
        run.fieldWrites.push({ doc: id, field, stamp: next[field], value: next[field].value });
        run.writes.push({ doc: id, stamp: next[field] });
      }
    } else {
      if (!current || viewSyncedAccount(id, current).length === 0) return; // a device edits only what it shows
      switch (op.t) {
        case 'edit': {
          next = editSyncedAccount(current, { [op.field]: VALUES[op.field]![op.value] }, writer);
          if (next !== current && next[op.field] !== current[op.field]) {
            run.fieldWrites.push({ doc: id, field: op.field, stamp: next[op.field], value: next[op.field].value });
            run.writes.push({ doc: id, stamp: next[op.field] });
          }
          break;
        }
        case 'code':
        case 'choose': {
          const pick = current.codes[op.t === 'choose' ? op.pick % current.codes.length : 0]!;
          next =
            op.t === 'code'
              ? changeSyncedAccountCode(current, codeOf(SECRETS[op.secret]!), writer)
              : chooseCodeVersion(current, stampKey(pick), writer);
          if (next !== current) {
            for (const version of current.codes) run.knowinglyReplaced.add(stampKey(version));
            recordCodes(id, next, current);
          }
          break;
        }
        case 'split': {
          if (current.codes.length < 2) return;
          const version = current.codes[op.pick % current.codes.length]!;
          const result = splitCodeVersion(current, stampKey(version), writer);
          run.knowinglyReplaced.add(stampKey(version));
          const newId = `split-${DEVICES[op.d]}-${splits++}`;
          world[newId] = result.split;
          recordCodes(newId, result.split);
          for (const field of ['issuer', 'label', 'note', 'favourite', 'icon', 'position'] as const) {
            run.fieldWrites.push({ doc: newId, field, stamp: result.split[field], value: result.split[field].value });
            run.writes.push({ doc: newId, stamp: result.split[field] });
          }
          next = result.kept;
          break;
        }
        case 'delete':
          next = deleteSyncedAccount(current, writer);
          run.deletes.push({ doc: id, stamp: next.deleted! });
          break;
        case 'group':
          next = setSyncedAccountGroup(current, `g${op.group}`, op.member, writer);
          if (next !== current) run.writes.push({ doc: id, stamp: next.groups[`g${op.group}`]! });
          break;
        case 'counter':
          next = advanceSyncedAccountCounter(current, stampKey(current.codes[0]!), current.codes[0]!.counter + op.by);
          break;
      }
    }
    devices[op.d] = { ...world, [id]: next! };
    run.snapshots.push(devices[op.d]!);
  });
  return run;
}

/** Every device takes in every other's state, in the given order. */
function syncAll(devices: World[], order: number[]): World[] {
  const everything = order.reduce<World>((acc, i) => mergeAccountSets(acc, devices[i]!), {});
  return devices.map((world) => mergeAccountSets(world, everything));
}

const scenario = fc
  .integer({ min: 2, max: 3 })
  .chain((deviceCount) => fc.tuple(fc.constant(deviceCount), fc.array(opArb(deviceCount), { minLength: 1, maxLength: 40 })));

describe('merge (properties)', () => {
  it('is commutative, associative and idempotent on any states the devices reach', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.nat(), fc.nat(), ([deviceCount, steps], i, j, k) => {
        const { snapshots } = simulate(deviceCount, steps);
        if (snapshots.length === 0) return;
        const [x, y, z] = [i, j, k].map((n) => snapshots[n % snapshots.length]!) as [World, World, World];
        const same = (p: World, q: World) => expect(canonicalJson(p)).toBe(canonicalJson(q));
        same(mergeAccountSets(x, y), mergeAccountSets(y, x));
        same(mergeAccountSets(mergeAccountSets(x, y), z), mergeAccountSets(x, mergeAccountSets(y, z)));
        same(mergeAccountSets(x, x), x);
        same(mergeAccountSets(mergeAccountSets(x, y), y), mergeAccountSets(x, y));
      }),
      { numRuns: 200 },
    );
  });

  it('converges on every device, whatever the order and repetition in which states arrive', () => {
    fc.assert(
      fc.property(
        scenario.chain(([deviceCount, steps]) => {
          const run = simulate(deviceCount, steps);
          const indexes = fc.array(fc.nat(Math.max(0, run.snapshots.length - 1)), { maxLength: 30 });
          return fc.tuple(fc.constant(run), fc.shuffledSubarray([...run.snapshots.keys()], { minLength: run.snapshots.length }), indexes);
        }),
        ([run, shuffled, duplicates]) => {
          const inOrder = run.snapshots.reduce<World>(mergeAccountSets, {});
          // The same states in another order, some of them again and again.
          const delivered = [...shuffled, ...duplicates].filter((n) => n < run.snapshots.length).map((n) => run.snapshots[n]!);
          const shuffledJoin = delivered.reduce<World>(mergeAccountSets, {});
          expect(canonicalJson(shuffledJoin)).toBe(canonicalJson(inOrder));
          // Every device, taking the others' states in two different orders, ends with the same list.
          const forward = syncAll(run.devices, run.devices.map((_, n) => n));
          const backward = syncAll(run.devices, run.devices.map((_, n) => run.devices.length - 1 - n));
          for (const world of [...forward, ...backward]) {
            expect(canonicalJson(world)).toBe(canonicalJson(inOrder));
            expect(viewSyncedAccounts(world)).toEqual(viewSyncedAccounts(inOrder));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never loses a secret: each survives as an account unless replaced by a device that saw it, or deleted by a newer delete', () => {
    fc.assert(
      fc.property(scenario, ([deviceCount, steps]) => {
        const run = simulate(deviceCount, steps);
        const [final] = syncAll(run.devices, run.devices.map((_, n) => n));
        const views = viewSyncedAccounts(final!);
        for (const write of run.codeWrites) {
          if (run.knowinglyReplaced.has(write.key)) continue;
          const shown = views.some((view) => view.docId === write.doc && view.versionKey === write.key && view.secret === write.secret);
          if (shown) continue;
          // Not shown: only a delete newer than the secret may hide it.
          expect(run.deletes.some((del) => del.doc === write.doc && compareStamps(del.stamp, write.stamp) > 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shows an account exactly when no delete is newer than its newest write, with each field from its latest write', () => {
    fc.assert(
      fc.property(scenario, ([deviceCount, steps]) => {
        const run = simulate(deviceCount, steps);
        const [final] = syncAll(run.devices, run.devices.map((_, n) => n));
        for (const [doc, account] of Object.entries(final!)) {
          const newest = run.writes.filter((w) => w.doc === doc).reduce<Stamp | null>((m, w) => (m && compareStamps(m, w.stamp) >= 0 ? m : w.stamp), null)!;
          const deleted = run.deletes.some((del) => del.doc === doc && compareStamps(del.stamp, newest) > 0);
          expect(isAccountLive(account)).toBe(!deleted);
          for (const field of ['issuer', 'label', 'note', 'favourite'] as const) {
            const latest = run.fieldWrites
              .filter((w) => w.doc === doc && w.field === field)
              .reduce((m, w) => {
                const order = compareStamps(w.stamp, m.stamp);
                return order > 0 || (order === 0 && canonicalJson(w.value) > canonicalJson(m.value)) ? w : m;
              });
            expect(account[field].value).toEqual(latest.value);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
