import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../eventsourcing/command-context.js';
import { ACCOUNT_COMMAND_EXAMPLES, AccountCommandResponseDto } from '../common/dto/account-command-response.dto.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { CommandCtx } from '../common/http/command-context.decorator.js';
import { COMMAND_ERRORS, CommandRoutes, REPLAYED_HEADER } from '../common/http/command-route.decorators.js';
import { IdempotencyGate } from '../common/idempotency/idempotency.gate.js';
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

const REFUSED = 'A refused command appends nothing.';

/** Account commands: HTTP in, CommandBus out (through the Idempotency-Key gate). */
@ApiTags('Commands')
@CommandRoutes()
@Controller('commands')
export class AccountCommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly idempotency: IdempotencyGate,
  ) {}

  @Post('open-account')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'openAccount',
    summary: 'Open an account',
    description: `Appends AccountOpened (version 1) to a new BankAccount stream. \`initialBalance\` defaults to 0. ${REFUSED}`,
  })
  @ApiBody({
    type: OpenAccountRequestDto,
    examples: {
      seed: { summary: "The brief's acc-123 with 1000", value: { accountId: 'acc-123', initialBalance: 1000 } },
      empty: { summary: 'An account with a balance of 0', value: { accountId: 'acc-456' } },
    },
  })
  @ApiResponse({
    status: 201,
    type: AccountCommandResponseDto,
    description: 'Account opened',
    headers: REPLAYED_HEADER,
    example: ACCOUNT_COMMAND_EXAMPLES.openAccount,
  })
  @ApiErrorResponses(...COMMAND_ERRORS, 'ACCOUNT_ALREADY_EXISTS')
  openAccount(@Body() body: OpenAccountRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.send(new OpenAccountCommand(body.accountId, toMinorUnits(body.initialBalance ?? 0), context));
  }

  @Post('deposit')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'deposit',
    summary: 'Deposit money',
    description: `Appends MoneyDeposited. With \`expectedVersion\`, only if the account is still at that version. ${REFUSED}`,
  })
  @ApiBody({
    type: DepositMoneyRequestDto,
    examples: {
      seed: { summary: "The brief's deposit of 500", value: { accountId: 'acc-123', amount: 500 } },
      expectedVersion: { summary: 'Only if nothing happened since version 2', value: { accountId: 'acc-123', amount: 250, expectedVersion: 2 } },
    },
  })
  @ApiResponse({
    status: 200,
    type: AccountCommandResponseDto,
    description: 'Money deposited',
    headers: REPLAYED_HEADER,
    example: ACCOUNT_COMMAND_EXAMPLES.deposit,
  })
  @ApiErrorResponses(...COMMAND_ERRORS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'VERSION_CONFLICT', 'AMOUNT_OUT_OF_RANGE')
  deposit(@Body() body: DepositMoneyRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.send(new DepositMoneyCommand(body.accountId, toMinorUnits(body.amount), body.expectedVersion, context));
  }

  @Post('withdraw')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'withdraw',
    summary: 'Withdraw money',
    description: `Appends MoneyWithdrawn; the balance never goes below 0. ${REFUSED}`,
  })
  @ApiBody({
    type: WithdrawMoneyRequestDto,
    examples: { seed: { summary: "The brief's withdrawal of 200", value: { accountId: 'acc-123', amount: 200 } } },
  })
  @ApiResponse({
    status: 200,
    type: AccountCommandResponseDto,
    description: 'Money withdrawn',
    headers: REPLAYED_HEADER,
    example: ACCOUNT_COMMAND_EXAMPLES.withdraw,
  })
  @ApiErrorResponses(...COMMAND_ERRORS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'VERSION_CONFLICT', 'INSUFFICIENT_FUNDS')
  withdraw(@Body() body: WithdrawMoneyRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.send(new WithdrawMoneyCommand(body.accountId, toMinorUnits(body.amount), body.expectedVersion, context));
  }

  @Post('close-account')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'closeAccount',
    summary: 'Close an account',
    description: `Appends AccountClosed; the balance must be exactly 0, and a closed account takes no further command. ${REFUSED}`,
  })
  @ApiBody({
    type: CloseAccountRequestDto,
    examples: {
      emptied: { summary: 'An account whose balance is 0', value: { accountId: 'acc-999' } },
      expectedVersion: { summary: 'Only if nothing happened since version 4', value: { accountId: 'acc-999', expectedVersion: 4 } },
    },
  })
  @ApiResponse({
    status: 200,
    type: AccountCommandResponseDto,
    description: 'Account closed',
    headers: REPLAYED_HEADER,
    example: ACCOUNT_COMMAND_EXAMPLES.closeAccount,
  })
  @ApiErrorResponses(...COMMAND_ERRORS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'VERSION_CONFLICT', 'BALANCE_NOT_ZERO')
  closeAccount(@Body() body: CloseAccountRequestDto, @CommandCtx() context: CommandContext): Promise<AccountCommandResult> {
    return this.send(new CloseAccountCommand(body.accountId, body.expectedVersion, context));
  }

  /** Dispatches `command` on the CommandBus, unless its Idempotency-Key was seen (then its first response). */
  private send(command: Command<AccountCommandResult> & { context: CommandContext }): Promise<AccountCommandResult> {
    return this.idempotency.run(command.context.idempotency, () => this.commandBus.execute(command));
  }
}
