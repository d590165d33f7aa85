import { Global, Module } from '@nestjs/common';
import { AdminTokenService } from './admin-token.service';
import { AuthenticateFirst } from './authenticate-first';
import { FailureLimits } from './failure-limits';
import { AdminGuard, ProjectAccessGuard } from './guards';
import { ProjectKeysService } from './project-keys.service';
import { PrincipalsService } from './team/principals.service';
import { SessionsService } from './team/sessions.service';

/** Keys, tokens and sessions: who may send events for, read or change which project. */
@Global()
@Module({
  providers: [
    AdminTokenService,
    ProjectKeysService,
    PrincipalsService,
    SessionsService,
    AdminGuard,
    ProjectAccessGuard,
    AuthenticateFirst,
    FailureLimits,
  ],
  exports: [
    FailureLimits,
    AdminTokenService,
    ProjectKeysService,
    PrincipalsService,
    SessionsService,
    AdminGuard,
    ProjectAccessGuard,
  ],
})
export class AuthModule {}
