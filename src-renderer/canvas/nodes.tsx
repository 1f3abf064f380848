import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  Handle,
  Position,
  type EdgeProps,
  type NodeProps,
} from '@xyflow/react';
import { memo } from 'react';
import type { LinkFlowEdge, StepData, StepFlowNode } from './convert.ts';
import { edgeLabel } from './convert.ts';
import { kindInfo } from './kinds.ts';

function issueClass(data: StepData): string {
  if (data.issues.some((issue) => issue.severity === 'error'))
    return ' has-error';
  return data.issues.length > 0 ? ' has-warning' : '';
}

/** The issue messages as one tooltip, with a badge counting them. */
function IssueBadge({ data }: { data: StepData }) {
  if (data.issues.length === 0) return null;
  const errors = data.issues.filter((issue) => issue.severity === 'error');
  const text = data.issues.map((issue) => issue.message).join('\n');
  return (
    <span
      className={`canvas-issue-badge${errors.length > 0 ? '' : ' warning'}`}
      title={text}
      aria-label={text}
      role="img"
    >
      {errors.length > 0 ? '!' : '?'}
      {data.issues.length > 1 ? data.issues.length : ''}
    </span>
  );
}

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} />
      <Handle type="source" position={Position.Right} />
    </>
  );
}

function titleOf(data: StepData): string {
  const messages = data.issues.map((issue) => issue.message);
  return [data.node.name || data.node.key, ...messages].join('\n');
}

/** A step a person works on: kind, name and owner role. */
export const WorkNode = memo(function WorkNode({
  data,
  selected,
}: NodeProps<StepFlowNode>) {
  const info = kindInfo[data.node.kind];
  return (
    <div
      className={`canvas-node work kind-${data.node.kind}${issueClass(data)}${selected ? ' selected' : ''}`}
      title={titleOf(data)}
    >
      <Handles />
      <div className="canvas-node-kind">
        <span aria-hidden="true">{info.icon}</span> {info.label}
      </div>
      <div className="canvas-node-name">{data.node.name || data.node.key}</div>
      {data.node.role && (
        <div className="canvas-node-role">{data.node.role}</div>
      )}
      <IssueBadge data={data} />
    </div>
  );
});

/** Branch, fork and join, drawn as diamonds. */
export const GatewayNode = memo(function GatewayNode({
  data,
  selected,
}: NodeProps<StepFlowNode>) {
  const info = kindInfo[data.node.kind];
  return (
    <div
      className={`canvas-node gateway${issueClass(data)}${selected ? ' selected' : ''}`}
      title={`${info.label}: ${titleOf(data)}`}
    >
      <Handles />
      <div className="canvas-gateway-shape" aria-hidden="true">
        <span>{info.icon}</span>
      </div>
      <div className="canvas-node-caption">{data.node.name}</div>
      <IssueBadge data={data} />
    </div>
  );
});

/** Start and end, drawn as circles. */
export const EventNode = memo(function EventNode({
  data,
  selected,
}: NodeProps<StepFlowNode>) {
  const isStart = data.node.kind === 'start';
  return (
    <div
      className={`canvas-node event kind-${data.node.kind}${issueClass(data)}${selected ? ' selected' : ''}`}
      title={titleOf(data)}
    >
      {!isStart && <Handle type="target" position={Position.Left} />}
      {isStart && <Handle type="source" position={Position.Right} />}
      <span aria-hidden="true">{kindInfo[data.node.kind].icon}</span>
      <div className="canvas-node-caption">{data.node.name}</div>
      <IssueBadge data={data} />
    </div>
  );
});

/** A checkpoint, drawn as a flag with its board stage. */
export const MilestoneNode = memo(function MilestoneNode({
  data,
  selected,
}: NodeProps<StepFlowNode>) {
  return (
    <div
      className={`canvas-node milestone${issueClass(data)}${selected ? ' selected' : ''}`}
      title={titleOf(data)}
    >
      <Handles />
      <span className="canvas-milestone-flag" aria-hidden="true">
        ⚑
      </span>
      <div>
        <div className="canvas-node-name">
          {data.node.name || data.node.key}
        </div>
        {data.node.stage && (
          <div className="canvas-node-role">Stage: {data.node.stage}</div>
        )}
      </div>
      <IssueBadge data={data} />
    </div>
  );
});

export const nodeTypes = {
  work: WorkNode,
  gateway: GatewayNode,
  event: EventNode,
  milestone: MilestoneNode,
};

/** A connection with its condition, "default" or "on reject" label. */
export const LinkEdge = memo(function LinkEdge(props: EdgeProps<LinkFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const edge = props.data?.edge;
  const issues = props.data?.issues ?? [];
  const label = edge ? edgeLabel(edge) : undefined;
  const hasError = issues.some((issue) => issue.severity === 'error');
  const classes = [
    'canvas-edge',
    edge?.onReject ? 'reject' : '',
    edge?.isDefault ? 'default' : '',
    hasError ? 'has-error' : '',
    props.selected ? 'selected' : '',
  ].join(' ');
  return (
    <>
      <BaseEdge path={path} markerEnd={props.markerEnd} className={classes} />
      {(label || hasError) && (
        <EdgeLabelRenderer>
          <div
            className={`canvas-edge-label ${classes}`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            }}
            title={issues.map((issue) => issue.message).join('\n') || label}
          >
            {hasError ? '! ' : ''}
            {label ?? 'invalid'}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes = { link: LinkEdge };
