import { ConfigurableModuleBuilder } from '@nestjs/common';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';

export const { ConfigurableModuleClass: ConfigurableTransfersModule } = new ConfigurableModuleBuilder<object>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();
