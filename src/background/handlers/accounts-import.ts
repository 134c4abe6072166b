/**
 * The import page's two methods. The page parses the file itself (the parsers and their KDFs are
 * heavy and belong on the page, not in the worker) and sends the accounts it read; here each one is
 * validated again like a typed account, because a message is untrusted whoever claims to send it.
 */
import type { AccountInput } from '../../core/account';
import { parseAccountInput } from '../../core/account-input';
import { TwostepError } from '../../core/errors';
import type { Handler } from '../router';
import type { Services } from '../services';
import { secretKey } from '../vault/records';
import { expectObject } from '../validate';

/**
 * The most accounts one message may carry. Real exports hold tens, rarely hundreds; 5,000 leaves room
 * for the largest while keeping one transaction (and one structured clone of the batch) bounded.
 */
export const MAX_IMPORT_BATCH = 5_000;

/** `{inputs}`: a non-empty array of at most MAX_IMPORT_BATCH accounts, each validated field by field. */
function parseInputs(arg: unknown): { inputs: AccountInput[] } {
  const { inputs } = expectObject(arg, ['inputs']);
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_IMPORT_BATCH) {
    throw new TwostepError('bad_request', 'inputs');
  }
  return {
    inputs: (inputs as unknown[]).map((value, i) => {
      try {
        return parseAccountInput(value);
      } catch (error) {
        // Which entry, never what it held: the detail may reach a log.
        if (error instanceof TwostepError) throw new TwostepError(error.code, `entry ${i + 1}`);
        throw error;
      }
    }),
  };
}

export const accountsImportCheck = ({ vault }: Services): Handler<'accounts.importCheck'> => ({
  from: ['extension'],
  parse: parseInputs,
  async run({ inputs }) {
    const stored = new Set((await vault.read()).accounts.map(secretKey));
    return { duplicate: inputs.map((input) => stored.has(secretKey(input))) };
  },
});

export const accountsImport = ({ vault }: Services): Handler<'accounts.import'> => ({
  from: ['extension'],
  parse: parseInputs,
  async run({ inputs }) {
    // One transaction: a stopped worker or a failed write leaves the vault as it was, never half imported.
    const { added, duplicates } = await vault.addMany(inputs);
    return { added: added.length, duplicates };
  },
});
