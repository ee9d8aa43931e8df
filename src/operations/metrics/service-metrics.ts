import { Injectable, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import { EventBus, type IEvent } from '@nestjs/cqrs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { ProjectionRunner } from '../../projections/projection-runner.js';
import { EVENT_RELAY, EventRelay } from '../../relay/event-relay.js';
import type { ProjectionStatus } from '../../projections/projection-status.js';

const PROJECTION_STATES: ReadonlyArray<ProjectionStatus['status']> = ['running', 'rebuilding', 'faulted'];

/**
 * The service's Prometheus metrics, in a registry of its own (a host's default registry is left
 * alone): Node.js process metrics, events appended by type, command latency by command and outcome,
 * and per projection its lag, position, status and whether this instance runs it (read on scrape).
 */
@Injectable()
export class ServiceMetrics implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();
  private subscription?: Subscription;

  /** Events this instance appended (and published after the commit), by stored event type. */
  readonly eventsAppended = new Counter({
    name: 'bank_events_appended_total',
    help: 'Events appended by this instance, by event type',
    labelNames: ['event_type'] as const,
    registers: [this.registry],
  });

  /** Time from a command request's routing (after body parsing) to its response (or to its client leaving). */
  readonly commandDuration = new Histogram({
    name: 'bank_command_duration_seconds',
    help: 'Duration of command requests, by command and outcome (ok, replayed, the error code, or aborted)',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    private readonly eventBus: EventBus,
    @Optional() private readonly projections?: ProjectionRunner,
    @Optional() private readonly relay?: EventRelay,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.registerProjectionGauges();
    if (relay) this.registerRelayMetrics(relay);
  }

  onModuleInit(): void {
    this.subscription = this.eventBus.subscribe((event) => this.eventsAppended.inc({ event_type: storedTypeOf(event) }));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** The metrics in Prometheus' text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private registerRelayMetrics(relay: EventRelay): void {
    relayMetrics(this.registry, relay, () => this.projections?.statuses().find((status) => status.name === EVENT_RELAY)?.lag);
  }

  private registerProjectionGauges(): void {
    const statuses = () => this.projections?.statuses() ?? [];
    const registers = [this.registry];
    new Gauge({
      name: 'bank_projection_lag_events',
      help: 'Events between the projection and the head of the log',
      labelNames: ['projection'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of statuses()) this.set({ projection: status.name }, status.lag);
      },
    });
    new Gauge({
      name: 'bank_projection_position',
      help: 'Global position of the last event the projection applied',
      labelNames: ['projection'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of statuses()) this.set({ projection: status.name }, status.lastProcessedVersion);
      },
    });
    new Gauge({
      name: 'bank_projection_status',
      help: '1 for the state the projection is in (running, rebuilding, faulted), 0 for the others',
      labelNames: ['projection', 'status'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of statuses()) {
          for (const state of PROJECTION_STATES) this.set({ projection: status.name, status: state }, status.status === state ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'bank_projection_active',
      help: '1 when this instance runs the projection (holds its lease), 0 when it stands by',
      labelNames: ['projection'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of statuses()) this.set({ projection: status.name }, status.worker === 'active' ? 1 : 0);
      },
    });
  }
}

/**
 * The event relay's own metrics: how far it is behind the log, and how many events the broker confirmed
 * (a counter: it only grows, by every event published, again after a crash or an outage).
 */
function relayMetrics(registry: Registry, relay: EventRelay, lag: () => number | undefined): void {
  new Gauge({
    name: 'bank_relay_lag_events',
    help: 'Events committed to the log but not yet confirmed by RabbitMQ',
    registers: [registry],
    collect() {
      this.set(lag() ?? 0);
    },
  });
  new Counter({
    name: 'bank_relay_published_total',
    help: 'Events this instance published to RabbitMQ and the broker confirmed',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(relay.published);
    },
  });
}

/** The stored type of a published event: its class's static `eventType` (the stored contract), else its class name. */
function storedTypeOf(event: IEvent): string {
  const type = (event.constructor as { eventType?: unknown }).eventType;
  return typeof type === 'string' ? type : event.constructor.name;
}
