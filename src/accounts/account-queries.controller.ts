import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccountIdPipe } from '../common/dto/account-id.pipe.js';
import { EventResponseDto } from '../common/dto/event.response.dto.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { ValidationFailedError } from '../common/errors/validation-failed.error.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { Snapshot } from '../eventstore/snapshot.js';
import type { AccountView } from './queries/get-account/account.view.js';
import { AccountResponseDto } from './queries/get-account/account.response.dto.js';
import { GetAccountQuery } from './queries/get-account/get-account.query.js';
import { GetAccountRequestDto } from './queries/get-account/get-account.request.dto.js';
import { GetAccountEventsQuery } from './queries/get-account-events/get-account-events.query.js';
import { GetAccountEventsRequestDto } from './queries/get-account-events/get-account-events.request.dto.js';
import { GetAccountSnapshotQuery } from './queries/get-account-snapshot/get-account-snapshot.query.js';
import { SnapshotResponseDto } from './queries/get-account-snapshot/snapshot.response.dto.js';

const ACCOUNT_ID_PARAM = { name: 'accountId', example: 'acc-123', description: 'Account identifier' };

/** Account reads: HTTP in, QueryBus out. */
@ApiErrorResponses('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND', 'STORE_UNAVAILABLE')
@Controller()
export class AccountQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('queries/account/:accountId')
  @ApiTags('Queries')
  @ApiOperation({
    summary: 'Get an account',
    description:
      'Current state rebuilt from the latest snapshot plus newer events, with the newest `limit` transactions. ' +
      'Time travel with `atVersion` or `asOf` (not both).',
  })
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiResponse({ status: 200, type: AccountResponseDto })
  getAccount(@Param('accountId', AccountIdPipe) accountId: string, @Query() params: GetAccountRequestDto): Promise<AccountView> {
    if (params.atVersion !== undefined && params.asOf !== undefined) {
      throw new ValidationFailedError('atVersion and asOf cannot be combined', [
        { field: 'asOf', problems: ['cannot be combined with atVersion'] },
      ]);
    }
    return this.queryBus.execute(new GetAccountQuery(accountId, params.limit ?? 50, params.atVersion, params.asOf));
  }

  @Get('events/account/:accountId')
  @ApiTags('Events')
  @ApiOperation({ summary: "Get an account's events", description: 'In stream version order, paged by `fromVersion` and `limit`.' })
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiResponse({ status: 200, type: [EventResponseDto] })
  getAccountEvents(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Query() params: GetAccountEventsRequestDto,
  ): Promise<StoredEvent[]> {
    return this.queryBus.execute(new GetAccountEventsQuery(accountId, params.fromVersion ?? 1, params.limit ?? 1000));
  }

  @Get('snapshots/account/:accountId')
  @ApiTags('Queries')
  @ApiOperation({ summary: "Get an account's latest snapshot", description: `Taken every SNAPSHOT_EVERY events (default 10).` })
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiResponse({ status: 200, type: SnapshotResponseDto })
  @ApiErrorResponses('SNAPSHOT_NOT_FOUND')
  getSnapshot(@Param('accountId', AccountIdPipe) accountId: string): Promise<Snapshot> {
    return this.queryBus.execute(new GetAccountSnapshotQuery(accountId));
  }
}
