-- The schema EnsureCreated made at e959830, the last version before migrations (captured with dotnet ef dbcontext script).
CREATE TABLE "ActivityLog" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActivityLog" PRIMARY KEY,
    "Time" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "PoolId" TEXT NULL,
    "TenantId" TEXT NULL,
    "ContainerId" TEXT NULL,
    "HostId" TEXT NULL,
    "Sentence" TEXT NOT NULL
);


CREATE TABLE "ApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Tenants" TEXT NOT NULL,
    "Pools" TEXT NOT NULL,
    "RateLimitPerMinute" INTEGER NULL,
    "MaxContainers" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    "RotatedAt" INTEGER NULL
);


CREATE TABLE "AuditLog" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditLog" PRIMARY KEY AUTOINCREMENT,
    "Time" INTEGER NOT NULL,
    "KeyId" TEXT NULL,
    "KeyName" TEXT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "ClientAddress" TEXT NULL
);


CREATE TABLE "Containers" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Containers" PRIMARY KEY,
    "ContainerId" TEXT NULL,
    "PoolId" TEXT NOT NULL,
    "WorkloadId" TEXT NOT NULL,
    "HostId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "TenantId" TEXT NULL,
    "ClaimInstanceId" TEXT NULL,
    "EndpointsJson" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadyAt" INTEGER NULL,
    "ClaimedAt" INTEGER NULL
);


CREATE TABLE "Orchestrations" (
    "InstanceId" TEXT NOT NULL CONSTRAINT "PK_Orchestrations" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "TenantId" TEXT NULL,
    "PoolId" TEXT NULL,
    "InputJson" TEXT NULL,
    "RuntimeStatus" TEXT NOT NULL,
    "CustomStatus" TEXT NULL,
    "OutputJson" TEXT NULL,
    "ErrorCode" TEXT NULL,
    "ErrorMessage" TEXT NULL,
    "CreatedTime" INTEGER NOT NULL,
    "LastUpdatedTime" INTEGER NOT NULL
);


CREATE TABLE "SyncRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SyncRuns" PRIMARY KEY AUTOINCREMENT,
    "TenantId" TEXT NOT NULL,
    "PoolId" TEXT NOT NULL,
    "InstanceId" TEXT NULL,
    "Trigger" TEXT NOT NULL,
    "Direction" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NOT NULL,
    "Succeeded" INTEGER NOT NULL,
    "FilesTransferred" INTEGER NOT NULL,
    "FilesSkipped" INTEGER NOT NULL,
    "FilesDeleted" INTEGER NOT NULL,
    "BytesTransferred" INTEGER NOT NULL,
    "ErrorCode" TEXT NULL,
    "Error" TEXT NULL
);


CREATE TABLE "Tenants" (
    "TenantId" TEXT NOT NULL CONSTRAINT "PK_Tenants" PRIMARY KEY,
    "PoolId" TEXT NOT NULL,
    "ContainerName" TEXT NOT NULL,
    "ContainerId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "EndpointsJson" TEXT NULL,
    "ClaimedAt" INTEGER NOT NULL,
    "LastActivityAt" INTEGER NOT NULL,
    "LastInstanceId" TEXT NULL
);


CREATE TABLE "OrchestrationSteps" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrchestrationSteps" PRIMARY KEY AUTOINCREMENT,
    "InstanceId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Attempt" INTEGER NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Error" TEXT NULL,
    "OutputJson" TEXT NULL,
    CONSTRAINT "FK_OrchestrationSteps_Orchestrations_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "Orchestrations" ("InstanceId") ON DELETE CASCADE
);


CREATE INDEX "IX_ActivityLog_PoolId_Id" ON "ActivityLog" ("PoolId", "Id");


CREATE INDEX "IX_ActivityLog_TenantId_Id" ON "ActivityLog" ("TenantId", "Id");


CREATE INDEX "IX_ActivityLog_Time" ON "ActivityLog" ("Time");


CREATE UNIQUE INDEX "IX_ApiKeys_SecretHash" ON "ApiKeys" ("SecretHash");


CREATE INDEX "IX_AuditLog_KeyId" ON "AuditLog" ("KeyId");


CREATE INDEX "IX_AuditLog_Time" ON "AuditLog" ("Time");


CREATE INDEX "IX_Containers_PoolId" ON "Containers" ("PoolId");


CREATE INDEX "IX_OrchestrationSteps_InstanceId_Sequence" ON "OrchestrationSteps" ("InstanceId", "Sequence");


CREATE INDEX "IX_Orchestrations_CreatedTime" ON "Orchestrations" ("CreatedTime");


CREATE INDEX "IX_Orchestrations_RuntimeStatus" ON "Orchestrations" ("RuntimeStatus");


CREATE INDEX "IX_Orchestrations_TenantId_CreatedTime" ON "Orchestrations" ("TenantId", "CreatedTime");


CREATE INDEX "IX_SyncRuns_PoolId_StartedAt" ON "SyncRuns" ("PoolId", "StartedAt");


CREATE INDEX "IX_SyncRuns_TenantId_StartedAt" ON "SyncRuns" ("TenantId", "StartedAt");


