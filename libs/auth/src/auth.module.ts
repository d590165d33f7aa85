import { Global, Module } from '@nestjs/common';
import { AdminTokenService } from './admin-token.service';
import { AuthenticateFirst } from './authenticate-first';
import { AdminGuard, ProjectAccessGuard } from './guards';
import { ProjectKeysService } from './project-keys.service';

/** Keys and tokens: who may send events for, or read, which project. */
@Global()
@Module({
  providers: [AdminTokenService, ProjectKeysService, AdminGuard, ProjectAccessGuard, AuthenticateFirst],
  exports: [AdminTokenService, ProjectKeysService, AdminGuard, ProjectAccessGuard],
})
export class AuthModule {}
