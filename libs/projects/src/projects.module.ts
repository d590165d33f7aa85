import { Module } from '@nestjs/common';
import { ProjectsController } from './projects.controller';
import { ProjectSettingsService } from './project-settings.service';
import { ProjectsService } from './projects.service';

/** Project administration: creation, key rotation and settings. */
@Module({
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectSettingsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
