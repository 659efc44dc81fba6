//! CloudFormation templates of the demo world, built as JSON.

use serde_json::{json, Map};

use crate::catalog::{Project, EXTERNAL_ID, OPERATOR_ACCOUNT};

/// The variant of an infrastructure template.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Revision {
    /// What the stack is created with.
    Initial,
    /// A successful update: adds an ingest queue.
    AddQueue,
    /// An update that fails (an audit log stream in a log group that does not exist) after
    /// changing a parameter and creating a queue, so CloudFormation rolls all of it back.
    FailingAudit,
}

/// The application port and health check path of the project's load-balanced container.
fn load_balanced(p: &Project) -> Option<(i32, &'static str)> {
    p.services
        .iter()
        .filter(|s| s.load_balanced)
        .flat_map(|s| s.containers.iter())
        .find_map(|c| Some((c.port?, c.health_path.unwrap_or("/"))))
}

pub fn infra(p: &Project, revision: Revision) -> String {
    let n = p.name;
    let cidr = p.vpc_cidr_prefix;
    let mut res = Map::new();
    res.insert(
        "Vpc".into(),
        json!({"Type": "AWS::EC2::VPC", "Properties": {
            "CidrBlock": format!("{cidr}.0.0/16"), "EnableDnsSupport": true, "EnableDnsHostnames": true,
            "Tags": [{"Key": "Name", "Value": format!("{n}-vpc")}]}}),
    );
    for (i, az) in ["a", "b", "c"].iter().enumerate() {
        res.insert(
            format!("PrivateSubnet{}", az.to_uppercase()),
            json!({"Type": "AWS::EC2::Subnet", "Properties": {
                "VpcId": {"Ref": "Vpc"}, "CidrBlock": format!("{cidr}.{}.0/24", 10 + i),
                "AvailabilityZone": {"Fn::Sub": format!("${{AWS::Region}}{az}")},
                "Tags": [{"Key": "Name", "Value": format!("{n}-private-{az}")}]}}),
        );
    }
    res.insert(
        "ServiceSecurityGroup".into(),
        json!({"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": format!("{n} ECS tasks"), "VpcId": {"Ref": "Vpc"},
            "Tags": [{"Key": "Name", "Value": format!("{n}-services")}]}}),
    );
    let mut outputs = json!({
        "VpcId": {"Value": {"Ref": "Vpc"}},
        "PrivateSubnetIds": {"Value": {"Fn::Join": [",", [
            {"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}, {"Ref": "PrivateSubnetC"}]]}},
        "ServiceSecurityGroupId": {"Value": {"Ref": "ServiceSecurityGroup"}},
        "DbSecretArn": {"Value": {"Fn::GetAtt": ["DbSecret", "Id"]}},
        "ConfigParameterName": {"Value": {"Ref": "ConfigParameter"}},
        "TaskExecutionRoleArn": {"Value": {"Fn::GetAtt": ["TaskExecutionRole", "Arn"]}},
        "TaskRoleArn": {"Value": {"Fn::GetAtt": ["TaskRole", "Arn"]}},
    });
    if let Some((port, health)) = load_balanced(p) {
        res.insert(
            "AlbSecurityGroup".into(),
            json!({"Type": "AWS::EC2::SecurityGroup", "Properties": {
                "GroupDescription": format!("{n} public load balancer"), "VpcId": {"Ref": "Vpc"},
                "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]}}),
        );
        res.insert(
            "LoadBalancer".into(),
            json!({"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
                "Name": format!("{n}-alb"), "Scheme": "internet-facing", "Type": "application",
                "Subnets": [{"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}],
                "SecurityGroups": [{"Ref": "AlbSecurityGroup"}]}}),
        );
        res.insert(
            "TargetGroup".into(),
            json!({"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {
                "Name": format!("{n}-tg"), "Port": port, "Protocol": "HTTP", "TargetType": "ip",
                "VpcId": {"Ref": "Vpc"}, "HealthCheckPath": health, "HealthCheckIntervalSeconds": 15,
                "HealthyThresholdCount": 2, "UnhealthyThresholdCount": 3}}),
        );
        res.insert(
            "HttpListener".into(),
            json!({"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "LoadBalancerArn": {"Ref": "LoadBalancer"}, "Port": 80, "Protocol": "HTTP",
                "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "TargetGroup"}}]}}),
        );
        outputs["TargetGroupArn"] = json!({"Value": {"Ref": "TargetGroup"}});
        outputs["LoadBalancerDnsName"] =
            json!({"Value": {"Fn::GetAtt": ["LoadBalancer", "DNSName"]}});
    }
    res.insert(
        "DbSecret".into(),
        json!({"Type": "AWS::SecretsManager::Secret", "Properties": {
            "Name": format!("{n}/database"), "Description": format!("{n} database credentials"),
            "SecretString": format!("{{\"username\":\"{}\",\"password\":\"demo-only-not-a-secret\"}}", n.replace('-', "_"))}}),
    );
    let config_value = if revision == Revision::FailingAudit {
        "{\"search.v2\":true,\"ai.summaries\":true,\"audit.stream\":true}"
    } else {
        "{\"search.v2\":true,\"ai.summaries\":false}"
    };
    res.insert(
        "ConfigParameter".into(),
        json!({"Type": "AWS::SSM::Parameter", "Properties": {
            "Name": format!("/{n}/feature-flags"), "Type": "String", "Value": config_value,
            "Description": format!("{n} runtime feature flags")}}),
    );
    let ecs_trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    res.insert(
        "TaskExecutionRole".into(),
        json!({"Type": "AWS::IAM::Role", "Properties": {
            "RoleName": format!("{n}-task-execution"), "AssumeRolePolicyDocument": ecs_trust,
            "Policies": [{"PolicyName": "pull-and-log", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage",
                    "ecr:GetDownloadUrlForLayer", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"},
                {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "ssm:GetParameters"],
                    "Resource": [{"Ref": "DbSecret"}, {"Fn::Sub": format!("arn:aws:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter/{n}/*")}]}]}}]}}),
    );
    res.insert(
        "TaskRole".into(),
        json!({"Type": "AWS::IAM::Role", "Properties": {
            "RoleName": format!("{n}-task"), "AssumeRolePolicyDocument": ecs_trust,
            "Policies": [{"PolicyName": "exec-and-app", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                    "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"}]}}]}}),
    );
    for s in p.services {
        for c in s.containers {
            let logical: String = c
                .repo
                .split('-')
                .map(|w| {
                    let mut cs = w.chars();
                    cs.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                        .unwrap_or_default()
                })
                .collect();
            res.insert(
                format!("{logical}Repository"),
                json!({"Type": "AWS::ECR::Repository", "Properties": {
                    "RepositoryName": c.repo, "ImageTagMutability": "IMMUTABLE",
                    "ImageScanningConfiguration": {"ScanOnPush": true}}}),
            );
        }
    }
    if revision == Revision::AddQueue || revision == Revision::FailingAudit {
        res.insert(
            "IngestQueue".into(),
            json!({"Type": "AWS::SQS::Queue", "Properties": {
                "QueueName": format!("{n}-ingest"), "VisibilityTimeout": 120,
                "MessageRetentionPeriod": 345600}}),
        );
    }
    if revision == Revision::FailingAudit {
        // The log group was meant to come from another stack that was never deployed.
        res.insert(
            "AuditLogStream".into(),
            json!({"Type": "AWS::Logs::LogStream",
                "DependsOn": ["ConfigParameter", "IngestQueue"],
                "Properties": {"LogGroupName": format!("/{n}/audit"), "LogStreamName": "config-changes"}}),
        );
    }
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("{n}: network, load balancer, secrets, roles and image repositories"),
        "Parameters": {"Environment": {"Type": "String", "Default": "production",
            "AllowedValues": ["staging", "production"]}},
        "Resources": res,
        "Outputs": outputs,
    })
    .to_string()
}

pub fn bootstrap(role_name: &str) -> String {
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "opsdeck customer bootstrap: a role the opsdeck operator account may assume with an External ID",
        "Parameters": {
            "OperatorAccountId": {"Type": "String", "Default": OPERATOR_ACCOUNT, "AllowedPattern": "^[0-9]{12}$"},
            "ExternalId": {"Type": "String", "Default": EXTERNAL_ID, "NoEcho": true, "MinLength": 8}
        },
        "Resources": {
            "OperatorRole": {"Type": "AWS::IAM::Role", "Properties": {
                "RoleName": role_name,
                "Description": "Assumed by opsdeck operators; read-only plus safe ECS actions",
                "MaxSessionDuration": 3600,
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${OperatorAccountId}:root"}},
                    "Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"sts:ExternalId": {"Ref": "ExternalId"}}}}]},
                "Policies": [{"PolicyName": "opsdeck-operator", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Sid": "Read", "Effect": "Allow", "Resource": "*", "Action": [
                        "cloudformation:Describe*", "cloudformation:List*", "ecs:Describe*", "ecs:List*",
                        "logs:Describe*", "logs:Get*", "logs:FilterLogEvents", "logs:StartLiveTail",
                        "rds:Describe*", "elasticache:Describe*", "cloudwatch:GetMetricData", "sts:GetCallerIdentity"]},
                    {"Sid": "SafeActions", "Effect": "Allow", "Resource": "*", "Action": [
                        "ecs:UpdateService", "ecs:ExecuteCommand", "ssm:StartSession"]}]}}]
            }}
        },
        "Outputs": {
            "RoleArn": {"Value": {"Fn::GetAtt": ["OperatorRole", "Arn"]}},
            "OperatorAccountId": {"Value": {"Ref": "OperatorAccountId"}}
        }
    })
    .to_string()
}
