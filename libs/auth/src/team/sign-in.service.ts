import { Injectable } from '@nestjs/common';
import { RateLimited, Unauthorized } from '@bindery/contracts';
import { UserRepository } from '@bindery/db';
import { FailureLimits } from '../failure-limits';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../passwords';

const WRONG = 'Wrong email or password';

/**
 * Checks an email and password. Every failure gets the same answer, whether the account exists or not, and
 * costs the same scrypt work; failures are counted per client address and per email (known or not), across the
 * processes serving the API ({@link FailureLimits}), and past its limit either one answers 429 until its window
 * ends. Each attempt counts before its password is checked (and is taken back when it was right), so that many
 * guesses sent at once are counted too.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly users: UserRepository,
    private readonly limits: FailureLimits,
  ) {}

  /** The user's id; Unauthorized for a wrong email or password, RateLimited after too many. */
  async check(email: string, password: string, address: string): Promise<string> {
    const account = email.trim().toLowerCase();
    const { signInByAddress, signInByEmail } = this.limits;
    const waits = await Promise.all([signInByAddress.attempt(address), signInByEmail.attempt(account)]);
    const wait = Math.max(...waits);
    if (wait > 0) throw RateLimited('Too many failed sign-ins: wait, then try again', wait);
    const user = await this.users.findByEmail(account);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) throw Unauthorized(WRONG);
    await Promise.all([signInByAddress.succeeded(address), signInByEmail.succeeded(account)]);
    return user.id;
  }
}
