import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { ProjectsController } from './projects.controller';
import { ProjectSettingsService } from './project-settings.service';
import { ProjectsService } from './projects.service';

/** Project administration: creation, key rotation, settings, and which project a key opens. */
@Module({
  controllers: [ProjectsController, MeController],
  providers: [ProjectsService, ProjectSettingsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
