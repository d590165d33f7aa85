export * from './projects.module';
export { REDATE_AGAIN_AFTER_MS } from './project-settings.service';
export * from './projects.service';
