import type { DynamicModule, ModuleMetadata } from '@nestjs/common';

/** What a module's `imports` take: a module class, a dynamic module (or its promise), a forward reference. */
export type ModuleImport = NonNullable<ModuleMetadata['imports']>[number];

/**
 * `ConfigurableModuleBuilder.setExtras` arguments that give `forRoot` an `imports` option: how a host
 * hands a feature module the EventStoreModule it should use (modules here are not global).
 */
export const IMPORTS_EXTRA = { imports: [] as ModuleImport[] };

/** Adds the `imports` extra to the module definition `forRoot` / `forRootAsync` built. */
export function withImports(definition: DynamicModule, extras: { imports: ModuleImport[] }): DynamicModule {
  return { ...definition, imports: [...(definition.imports ?? []), ...extras.imports] };
}
