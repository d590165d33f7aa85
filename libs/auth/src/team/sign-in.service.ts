import { Injectable } from '@nestjs/common';
import { RateLimited, Unauthorized } from '@bindery/contracts';
import { UserRepository } from '@bindery/db';
import { RateLimiter } from '@bindery/server';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../passwords';

/** Failed sign-ins an address may make in a burst, and how many more it earns per minute. */
const ADDRESS_BURST = 20;
const ADDRESS_PER_MINUTE = 5;
/** Failed sign-ins with one email in a burst, and how many more it earns per minute. */
const ACCOUNT_BURST = 5;
const ACCOUNT_PER_MINUTE = 1;

const WRONG = 'Wrong email or password';

/**
 * Checks an email and password. Every failure gets the same answer, whether the account exists or not, and
 * costs the same scrypt work; failures are counted per client address and per email (known or not), and past
 * a burst either one answers 429 until it slows down.
 */
@Injectable()
export class SignInService {
  private readonly byAddress = new RateLimiter(ADDRESS_PER_MINUTE / 60, ADDRESS_BURST);
  private readonly byAccount = new RateLimiter(ACCOUNT_PER_MINUTE / 60, ACCOUNT_BURST);

  constructor(private readonly users: UserRepository) {}

  /** The user's id; Unauthorized for a wrong email or password, RateLimited after too many. */
  async check(email: string, password: string, address: string): Promise<string> {
    const account = email.trim().toLowerCase();
    const wait = Math.max(this.byAddress.wait(address, 1), this.byAccount.wait(account, 1));
    if (wait > 0) throw RateLimited('Too many failed sign-ins: wait, then try again', wait);
    const user = await this.users.findByEmail(account);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) {
      this.byAddress.take(address, 1);
      this.byAccount.take(account, 1);
      throw Unauthorized(WRONG);
    }
    return user.id;
  }
}
