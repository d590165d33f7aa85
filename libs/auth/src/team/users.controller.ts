import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CreateUserBody, CreateUserBodySchema, type Member, MemberSchema } from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { AdminGuard } from '../guards';
import { TeamService } from './team.service';

/** The operator's way in: the first user of a project, created with the admin token. */
@ApiTags('team')
@ApiBearerAuth('bearer')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly team: TeamService) {}

  @Post()
  @UseGuards(AdminGuard)
  @Endpoint({
    summary: 'Create a user and make them a member of a project',
    description:
      'Admin token as Bearer. The role is owner unless given. A user whose email exists keeps their ' +
      'password and gets the membership. `npm run bindery -- create-user` calls this.',
    body: CreateUserBodySchema,
    response: { status: 201, schema: MemberSchema },
    errors: [400, 401, 404],
  })
  create(@Body() body: CreateUserBody): Promise<Member> {
    return this.team.createUser(body, 'admin');
  }
}
