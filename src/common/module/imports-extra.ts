import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';

export type ModuleImport = Type | DynamicModule | ForwardReference;

/**
 * `ConfigurableModuleBuilder.setExtras` arguments that give `forRoot` an `imports` option: how a host
 * hands a feature module the EventStoreModule it should use (modules here are not global).
 */
export const IMPORTS_EXTRA = { imports: [] as ModuleImport[] };

export function withImports(definition: DynamicModule, extras: { imports: ModuleImport[] }): DynamicModule {
  return { ...definition, imports: [...(definition.imports ?? []), ...extras.imports] };
}
