import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../common/command-context.js';
import { AccountCommandResponseDto } from '../common/dto/account-command-response.dto.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { CommandCtx } from '../common/http/command-context.decorator.js';
import { IdempotencyInterceptor } from '../common/idempotency/idempotency.interceptor.js';
import { toMinorUnits } from '../common/money/money.js';
import type { AccountCommandResult } from './commands/account-command.result.js';
import { CloseAccountCommand } from './commands/close-account/close-account.command.js';
import { CloseAccountRequestDto } from './commands/close-account/close-account.request.dto.js';
import { DepositMoneyCommand } from './commands/deposit-money/deposit-money.command.js';
import { DepositMoneyRequestDto } from './commands/deposit-money/deposit-money.request.dto.js';
import { OpenAccountCommand } from './commands/open-account/open-account.command.js';
import { OpenAccountRequestDto } from './commands/open-account/open-account.request.dto.js';
import { WithdrawMoneyCommand } from './commands/withdraw-money/withdraw-money.command.js';
import { WithdrawMoneyRequestDto } from './commands/withdraw-money/withdraw-money.request.dto.js';

/** Account commands: HTTP in, CommandBus out. */
@ApiTags('Commands')
@ApiConsumes('application/json')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeats with the same key (1-128 printable characters) get the first response and append nothing',
})
@ApiHeader({ name: 'X-Correlation-Id', required: false, description: "Stored as the events' correlationId" })
@ApiErrorResponses('VALIDATION_FAILED', 'MALFORMED_JSON', 'IDEMPOTENCY_KEY_REUSED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'STORE_UNAVAILABLE')
@UseInterceptors(IdempotencyInterceptor)
@Controller('commands')
export class AccountCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('open-account')
  @HttpCode(201)
  @ApiOperation({ summary: 'Open an account', description: 'Appends AccountOpened. `initialBalance` defaults to 0.' })
  @ApiBody({ type: OpenAccountRequestDto, examples: { seed: { value: { accountId: 'acc-123', initialBalance: 1000 } } } })
  @ApiResponse({ status: 201, type: AccountCommandResponseDto, description: 'Account opened' })
  @ApiErrorResponses('ACCOUNT_ALREADY_EXISTS')
  openAccount(@Body() body: OpenAccountRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.commandBus.execute(new OpenAccountCommand(body.accountId, toMinorUnits(body.initialBalance ?? 0), context));
  }

  @Post('deposit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deposit money', description: 'Appends MoneyDeposited.' })
  @ApiBody({ type: DepositMoneyRequestDto, examples: { seed: { value: { accountId: 'acc-123', amount: 500 } } } })
  @ApiResponse({ status: 200, type: AccountCommandResponseDto, description: 'Money deposited' })
  @ApiErrorResponses('ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'VERSION_CONFLICT', 'AMOUNT_OUT_OF_RANGE')
  deposit(@Body() body: DepositMoneyRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.commandBus.execute(new DepositMoneyCommand(body.accountId, toMinorUnits(body.amount), body.expectedVersion, context));
  }

  @Post('withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw money', description: 'Appends MoneyWithdrawn; the balance never goes below 0.' })
  @ApiBody({ type: WithdrawMoneyRequestDto, examples: { seed: { value: { accountId: 'acc-123', amount: 200 } } } })
  @ApiResponse({ status: 200, type: AccountCommandResponseDto, description: 'Money withdrawn' })
  @ApiErrorResponses('ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'VERSION_CONFLICT', 'INSUFFICIENT_FUNDS')
  withdraw(@Body() body: WithdrawMoneyRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.commandBus.execute(new WithdrawMoneyCommand(body.accountId, toMinorUnits(body.amount), body.expectedVersion, context));
  }

  @Post('close-account')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an account', description: 'Appends AccountClosed; the balance must be exactly 0.' })
  @ApiBody({ type: CloseAccountRequestDto, examples: { seed: { value: { accountId: 'acc-123' } } } })
  @ApiResponse({ status: 200, type: AccountCommandResponseDto, description: 'Account closed' })
  @ApiErrorResponses('ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'VERSION_CONFLICT', 'BALANCE_NOT_ZERO')
  closeAccount(@Body() body: CloseAccountRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.commandBus.execute(new CloseAccountCommand(body.accountId, body.expectedVersion, context));
  }
}
