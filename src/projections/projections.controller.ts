import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { AccountBalanceDto, AccountBalancesResponseDto } from './account-balances/account-balances.response.dto.js';
import { GetAccountBalancesQuery } from './account-balances/get-account-balances.query.js';
import { GetAccountBalancesRequestDto } from './account-balances/get-account-balances.request.dto.js';
import { RebuildProjectionCommand } from './commands/rebuild-projection/rebuild-projection.command.js';
import { RebuildProjectionRequestDto } from './commands/rebuild-projection/rebuild-projection.request.dto.js';
import { RebuildProjectionResponseDto } from './commands/rebuild-projection/rebuild-projection.response.dto.js';
import { DaySummaryDto, DailySummaryResponseDto } from './daily-summary/daily-summary.response.dto.js';
import { GetDailySummaryQuery } from './daily-summary/get-daily-summary.query.js';
import { GetDailySummaryRequestDto } from './daily-summary/get-daily-summary.request.dto.js';
import { ProjectionNotFoundError } from './projection-not-found.error.js';
import { ProjectionRunner } from './projection-runner.js';
import type { ProjectionStatus } from './projection-status.js';
import { ListProjectionsQuery } from './queries/list-projections/list-projections.query.js';
import { ProjectionStatusResponseDto } from './queries/list-projections/projection-status.response.dto.js';
import { GetTransactionHistoryQuery } from './transaction-history/get-transaction-history.query.js';
import { GetTransactionHistoryRequestDto } from './transaction-history/get-transaction-history.request.dto.js';
import { TransactionHistoryResponseDto } from './transaction-history/transaction-history.response.dto.js';

/** Projection status, reads and rebuilds: HTTP in, buses out. */
@ApiTags('Projections')
@ApiExtraModels(AccountBalanceDto, DaySummaryDto)
@ApiErrorResponses('VALIDATION_FAILED', 'STORE_UNAVAILABLE')
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List projections', description: 'Status, position, lag and last error of every projection.' })
  @ApiResponse({ status: 200, type: [ProjectionStatusResponseDto] })
  list(): Promise<ProjectionStatus[]> {
    return this.queryBus.execute(new ListProjectionsQuery());
  }

  @Get('AccountBalances')
  @ApiOperation({ summary: 'Account balances', description: 'Balance of each account; page with `after` and `limit`.' })
  @ApiResponse({ status: 200, type: AccountBalancesResponseDto })
  @ApiErrorResponses('TIMEOUT')
  accountBalances(@Query() params: GetAccountBalancesRequestDto) {
    return this.queryBus.execute(new GetAccountBalancesQuery(params.accountId, params.after, params.limit ?? 1000, params.minPosition));
  }

  @Get('TransactionHistory')
  @ApiOperation({ summary: 'Transaction history', description: 'Deposits and withdrawals in position order with the balance after each.' })
  @ApiResponse({ status: 200, type: TransactionHistoryResponseDto })
  @ApiErrorResponses('TIMEOUT')
  transactionHistory(@Query() params: GetTransactionHistoryRequestDto) {
    return this.queryBus.execute(new GetTransactionHistoryQuery(params.accountId, params.after ?? 0, params.limit ?? 100, params.minPosition));
  }

  @Get('DailySummary')
  @ApiOperation({ summary: 'Daily summary', description: 'Deposits, withdrawals and net change per UTC day, and over all days.' })
  @ApiResponse({ status: 200, type: DailySummaryResponseDto })
  @ApiErrorResponses('TIMEOUT')
  dailySummary(@Query() params: GetDailySummaryRequestDto) {
    return this.queryBus.execute(new GetDailySummaryQuery(params.from, params.to, params.minPosition));
  }

  @Get(':name')
  @ApiOperation({
    summary: 'Status of another projection',
    description:
      'A projection without a read route of its own here (e.g. Stats, read at GET /stats, or a host application\'s) ' +
      'answers with its status; an unknown name is 404 PROJECTION_NOT_FOUND naming the known projections.',
  })
  @ApiResponse({ status: 200, type: ProjectionStatusResponseDto })
  @ApiErrorResponses('PROJECTION_NOT_FOUND')
  async other(@Param('name') name: string): Promise<ProjectionStatus> {
    const status = (await this.queryBus.execute(new ListProjectionsQuery())).find((candidate) => candidate.name === name);
    if (!status) throw new ProjectionNotFoundError(name, this.runner.names());
    return status;
  }

  @Post('rebuild')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rebuild a projection',
    description:
      'Replays every event into a fresh copy while writes go on, catches it up to the head and swaps it in atomically. ' +
      'Readers see the old copy until the swap. Progress shows in GET /projections.',
  })
  @ApiBody({ type: RebuildProjectionRequestDto, examples: { seed: { value: { name: 'AccountBalances' } } } })
  @ApiResponse({ status: 200, type: RebuildProjectionResponseDto })
  @ApiErrorResponses('PROJECTION_NOT_FOUND', 'MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE')
  rebuild(@Body() body: RebuildProjectionRequestDto) {
    return this.commandBus.execute(new RebuildProjectionCommand(body.name));
  }
}
