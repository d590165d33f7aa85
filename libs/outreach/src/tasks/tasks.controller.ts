import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  ACTOR_HEADER,
  type AccountNotesParams,
  AccountNotesParamsSchema,
  type CsmList,
  CsmListSchema,
  type Note,
  type NoteBody,
  NoteBodySchema,
  type NoteList,
  type NoteListQuery,
  NoteListQuerySchema,
  NoteListSchema,
  NoteSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type Task,
  type TaskCreate,
  TaskCreateSchema,
  type TaskDetail,
  TaskDetailSchema,
  type TaskIdParams,
  TaskIdParamsSchema,
  type TaskList,
  type TaskListQuery,
  TaskListQuerySchema,
  TaskListSchema,
  type TaskPatch,
  TaskPatchSchema,
  TaskSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { TasksApiService } from './tasks-api.service';
import { Actor } from './actor';
import { CsmsService } from './csms.service';
import { NotesService } from './notes.service';

const AUTHOR = ApiHeader({ ...ACTOR_HEADER, required: false });

/** The CSM's work: tasks, the notes on them and on accounts, and the people tasks go to. */
@ApiTags('tasks')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class TasksController {
  constructor(
    private readonly tasks: TasksApiService,
    private readonly notes: NotesService,
    private readonly csms: CsmsService,
  ) {}

  @Get('tasks')
  @Endpoint({
    access: 'read',
    summary: 'Customer-success tasks with their account’s name, MRR, class and health',
    description:
      'One live task per account and rule; a new signal for it is added to it (see signalIds). Each task ' +
      'carries its account’s name and mrr traits, its ABC class and its health score now and at least 7 days ' +
      'before (the trend). q searches the title, the account id and the account’s name; sort orders them.',
    params: ProjectIdParamsSchema,
    query: TaskListQuerySchema,
    response: { status: 200, schema: TaskListSchema },
    errors: [400, 401, 403],
  })
  listTasks(@Param() p: ProjectIdParams, @Query() q: TaskListQuery): Promise<TaskList> {
    return this.tasks.list(p.projectId, q);
  }

  @Post('tasks')
  @AUTHOR
  @Endpoint({
    access: 'outreach',
    summary: 'Make a task on an account, by hand',
    description:
      'No rule: open, priority P3 unless given, due by its priority (P1 1 day, P2 3, P3 7, P4 14) unless ' +
      'dueAt is given, in the shared queue unless assigned. The account must be known to the project (404). ' +
      'Posted to the webhook like every new task; not emailed at once (it is in its assignee’s next digest). ' +
      ACTOR_HEADER.description,
    params: ProjectIdParamsSchema,
    body: TaskCreateSchema,
    response: { status: 201, schema: TaskSchema },
    errors: [400, 401, 403, 404],
  })
  createTask(@Param() p: ProjectIdParams, @Body() body: TaskCreate, @Actor() actor: string): Promise<Task> {
    return this.tasks.create(p.projectId, body, actor);
  }

  @Get('tasks/:taskId')
  @Endpoint({
    access: 'read',
    summary: 'A task with its timeline: each change and each note, oldest first',
    params: TaskIdParamsSchema,
    response: { status: 200, schema: TaskDetailSchema },
    errors: [401, 403, 404],
  })
  getTask(@Param() p: TaskIdParams): Promise<TaskDetail> {
    return this.tasks.get(p.projectId, p.taskId);
  }

  @Patch('tasks/:taskId')
  @AUTHOR
  @Endpoint({
    access: 'outreach',
    summary: 'Change a task’s status, assignee or snooze; close it with an outcome',
    description:
      'snoozedUntil snoozes it: its rule stays quiet for the account until then. Dismissing keeps the rule ' +
      'quiet for the account for 30 days. Closing (status done or dismissed) may say how it ended: outcome ' +
      'resolved, no_response, churn_risk_confirmed or other (other needs outcomeNote); condition_cleared is ' +
      'set only by the rules, when the task’s signals clear. Opening, starting or snoozing a task again clears ' +
      'its outcome. Each change is written to the timeline. ' +
      ACTOR_HEADER.description,
    params: TaskIdParamsSchema,
    body: TaskPatchSchema,
    response: { status: 200, schema: TaskSchema },
    errors: [400, 401, 403, 404, 409],
  })
  patchTask(@Param() p: TaskIdParams, @Body() body: TaskPatch, @Actor() actor: string): Promise<Task> {
    return this.tasks.update(p.projectId, p.taskId, body, actor);
  }

  @Post('tasks/:taskId/notes')
  @AUTHOR
  @Endpoint({
    access: 'outreach',
    summary: 'Add a note to a task',
    description:
      'The note is on the task’s timeline and among its account’s notes. A note counts as a person acting on ' +
      'the task: when its signals clear it stays open, with a note, for the person to close. ' +
      ACTOR_HEADER.description,
    params: TaskIdParamsSchema,
    body: NoteBodySchema,
    response: { status: 201, schema: NoteSchema },
    errors: [400, 401, 403, 404],
  })
  addTaskNote(@Param() p: TaskIdParams, @Body() body: NoteBody, @Actor() actor: string): Promise<Note> {
    return this.notes.addToTask(p.projectId, p.taskId, body, actor);
  }

  @Get('accounts/:accountId/notes')
  @Endpoint({
    access: 'read',
    summary: 'An account’s notes, newest first, those on its tasks included',
    params: AccountNotesParamsSchema,
    query: NoteListQuerySchema,
    response: { status: 200, schema: NoteListSchema },
    errors: [400, 401, 403],
  })
  listAccountNotes(@Param() p: AccountNotesParams, @Query() q: NoteListQuery): Promise<NoteList> {
    return this.notes.forAccount(p.projectId, p.accountId, q);
  }

  @Post('accounts/:accountId/notes')
  @AUTHOR
  @Endpoint({
    access: 'outreach',
    summary: 'Add a note to an account',
    description: `The account must be known to the project (404). ${ACTOR_HEADER.description}`,
    params: AccountNotesParamsSchema,
    body: NoteBodySchema,
    response: { status: 201, schema: NoteSchema },
    errors: [400, 401, 403, 404],
  })
  addAccountNote(
    @Param() p: AccountNotesParams,
    @Body() body: NoteBody,
    @Actor() actor: string,
  ): Promise<Note> {
    return this.notes.addToAccount(p.projectId, p.accountId, body, actor);
  }

  @Get('csms')
  @Endpoint({
    access: 'read',
    summary: 'The people tasks can be assigned to',
    description:
      'The settings’ csms, in their order, then the members with the csm role, with each one’s P1 alert choice ' +
      '(a member’s own P1 notice first) and whether they are a member; then anyone else who holds a live task ' +
      '(listed: false). The dashboard’s assignee picker offers them; the account page matches csm_email to them.',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: CsmListSchema },
    errors: [401, 403],
  })
  listCsms(@Param() p: ProjectIdParams): Promise<CsmList> {
    return this.csms.list(p.projectId);
  }
}
