import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { UserRepository } from '@bindery/db';
import { MembersController } from './members.controller';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { SessionController } from './session.controller';
import { SignInService } from './sign-in.service';
import { TeamMail } from './team-mail';
import { TeamService } from './team.service';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';
import { UsersController } from './users.controller';

/** Says, on a start with no user yet (a new install, or the first start after the upgrade), how to make one. */
@Injectable()
export class FirstUserNotice implements OnApplicationBootstrap {
  private readonly logger = new Logger('Team');

  constructor(private readonly users: UserRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    this.logger.warn(
      'No dashboard user yet. Create the first one, an owner, with the admin token: ' +
        'npm run bindery -- create-user <projectId> <email> (it asks for the password), ' +
        'or POST /v1/users. Until then the dashboard cannot be signed in to; the API still takes secret keys.',
    );
  }
}

/** People in the dashboard: sign-in, sessions, members and roles, invitations, personal tokens. */
@Module({
  controllers: [SessionController, OidcController, UsersController, MembersController, TokensController],
  providers: [TeamService, TokensService, SignInService, OidcService, TeamMail, FirstUserNotice],
})
export class TeamModule {}
