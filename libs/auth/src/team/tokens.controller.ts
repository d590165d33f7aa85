import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import {
  type CreatedToken,
  CreatedTokenSchema,
  type CreateTokenBody,
  CreateTokenBodySchema,
  type TokenList,
  TokenListSchema,
  type TokenParams,
  TokenParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { CurrentUser, SignedInGuard } from './current-principal';
import { type Principal } from './principal';
import { TokensService } from './tokens.service';

type User = Extract<Principal, { kind: 'user' }>;

/** The signed-in user's personal API tokens, for scripts and the CLI instead of the secret key. */
@ApiTags('team')
@ApiBearerAuth('bearer')
@UseGuards(SignedInGuard)
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  @Endpoint({
    summary: 'My live personal tokens',
    response: { status: 200, schema: TokenListSchema },
    errors: [401],
  })
  async list(@CurrentUser() user: User): Promise<TokenList> {
    return { tokens: await this.tokens.list(user.userId) };
  }

  @Post()
  @Endpoint({
    summary: 'Make a personal token',
    description:
      'The token (`bpt_…`) is shown once and stored as a hash. It acts as its user in every project they ' +
      'are a member of: `read` only reads, `read-write` does what the user’s role allows there.',
    body: CreateTokenBodySchema,
    response: { status: 201, schema: CreatedTokenSchema },
    errors: [400, 401, 403],
  })
  create(@CurrentUser() user: User, @Body() body: CreateTokenBody): Promise<CreatedToken> {
    return this.tokens.create(user, body);
  }

  @Delete(':tokenId')
  @HttpCode(204)
  @Endpoint({
    summary: 'Revoke a personal token',
    description: 'The token answers 401 from the next call on.',
    params: TokenParamsSchema,
    response: { status: 204, schema: Type.Null() },
    errors: [401, 403, 404],
  })
  async revoke(@CurrentUser() user: User, @Param() p: TokenParams): Promise<void> {
    await this.tokens.revoke(user.userId, p.tokenId, user.actor);
  }
}
