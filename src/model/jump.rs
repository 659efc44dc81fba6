//! Where a stack resource leads in opsdeck: a link computed from its CloudFormation
//! resource type and physical id.

/// An object opsdeck has (or will have) a view for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jump {
    /// Service detail.
    Service {
        cluster: String,
        service: String,
    },
    /// The services of a cluster.
    Cluster(String),
    /// A task definition revision, by ARN.
    TaskDefinition(String),
    DbInstance(String),
    DbCluster(String),
    CacheCluster(String),
    ReplicationGroup(String),
    LogGroup(String),
    /// A nested stack, by ARN.
    Stack(String),
}

impl Jump {
    /// The link of a stack resource, if opsdeck knows its kind and the resource exists
    /// (a resource that failed to create has no physical id).
    pub fn from_resource(resource_type: &str, physical_id: &str) -> Option<Jump> {
        let id = physical_id.trim();
        if id.is_empty() {
            return None;
        }
        let id = id.to_string();
        Some(match resource_type {
            "AWS::ECS::Service" => service_from_arn(&id)?,
            // Ref of a cluster is its name; accept an ARN too.
            "AWS::ECS::Cluster" => Jump::Cluster(after_slash(&id).to_string()),
            "AWS::ECS::TaskDefinition" => Jump::TaskDefinition(id),
            "AWS::RDS::DBInstance" => Jump::DbInstance(id),
            "AWS::RDS::DBCluster" => Jump::DbCluster(id),
            "AWS::ElastiCache::CacheCluster" => Jump::CacheCluster(id),
            "AWS::ElastiCache::ReplicationGroup" => Jump::ReplicationGroup(id),
            "AWS::Logs::LogGroup" => Jump::LogGroup(id),
            super::stack::STACK_TYPE => Jump::Stack(id),
            _ => return None,
        })
    }

    /// What the link opens, in words (footer messages).
    pub fn describe(&self) -> String {
        match self {
            Jump::Service { cluster, service } => format!("service {service} in {cluster}"),
            Jump::Cluster(c) => format!("services of cluster {c}"),
            Jump::TaskDefinition(arn) => {
                format!("task definition {}", super::arn_tail(arn))
            }
            Jump::DbInstance(id) => format!("database instance {id}"),
            Jump::DbCluster(id) => format!("database cluster {id}"),
            Jump::CacheCluster(id) => format!("cache cluster {id}"),
            Jump::ReplicationGroup(id) => format!("cache replication group {id}"),
            Jump::LogGroup(name) => format!("log group {name}"),
            Jump::Stack(arn) => format!("stack {}", stack_name_of(arn)),
        }
    }
}

/// `arn:aws:ecs:region:account:service/cluster/name`. The old ARN format without the
/// cluster (`service/name`) cannot say which cluster to open.
fn service_from_arn(arn: &str) -> Option<Jump> {
    let path = arn.split_once(":service/")?.1;
    let (cluster, service) = path.split_once('/')?;
    if cluster.is_empty() || service.is_empty() || service.contains('/') {
        return None;
    }
    Some(Jump::Service {
        cluster: cluster.to_string(),
        service: service.to_string(),
    })
}

fn after_slash(id: &str) -> &str {
    if id.starts_with("arn:") {
        super::arn_tail(id)
    } else {
        id
    }
}

/// `arn:…:stack/name/uuid` → `name`; a plain name stays as it is.
pub fn stack_name_of(id: &str) -> &str {
    id.split_once(":stack/")
        .and_then(|(_, rest)| rest.split('/').next())
        .unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecs_service_links_to_its_cluster_and_name() {
        assert_eq!(
            Jump::from_resource(
                "AWS::ECS::Service",
                "arn:aws:ecs:us-east-1:123456789012:service/shop/shop-web"
            ),
            Some(Jump::Service {
                cluster: "shop".into(),
                service: "shop-web".into()
            })
        );
        // The old ARN format does not name the cluster.
        assert_eq!(
            Jump::from_resource(
                "AWS::ECS::Service",
                "arn:aws:ecs:us-east-1:123456789012:service/shop-web"
            ),
            None
        );
    }

    #[test]
    fn every_linked_type_maps_to_its_view() {
        let cases = [
            ("AWS::ECS::Cluster", "shop", Jump::Cluster("shop".into())),
            (
                "AWS::ECS::Cluster",
                "arn:aws:ecs:us-east-1:1:cluster/shop",
                Jump::Cluster("shop".into()),
            ),
            (
                "AWS::ECS::TaskDefinition",
                "arn:aws:ecs:us-east-1:1:task-definition/web:3",
                Jump::TaskDefinition("arn:aws:ecs:us-east-1:1:task-definition/web:3".into()),
            ),
            (
                "AWS::RDS::DBInstance",
                "db-1",
                Jump::DbInstance("db-1".into()),
            ),
            (
                "AWS::RDS::DBCluster",
                "aurora",
                Jump::DbCluster("aurora".into()),
            ),
            (
                "AWS::ElastiCache::CacheCluster",
                "redis-0001-001",
                Jump::CacheCluster("redis-0001-001".into()),
            ),
            (
                "AWS::ElastiCache::ReplicationGroup",
                "redis",
                Jump::ReplicationGroup("redis".into()),
            ),
            (
                "AWS::Logs::LogGroup",
                "/shop/web",
                Jump::LogGroup("/shop/web".into()),
            ),
            (
                "AWS::CloudFormation::Stack",
                "arn:aws:cloudformation:us-east-1:1:stack/app-Db-1X/abc",
                Jump::Stack("arn:aws:cloudformation:us-east-1:1:stack/app-Db-1X/abc".into()),
            ),
        ];
        for (ty, id, want) in cases {
            assert_eq!(Jump::from_resource(ty, id), Some(want), "{ty}");
        }
    }

    #[test]
    fn unlinked_types_and_missing_resources_have_no_link() {
        assert_eq!(Jump::from_resource("AWS::EC2::VPC", "vpc-1"), None);
        assert_eq!(Jump::from_resource("AWS::Logs::LogGroup", ""), None);
    }

    #[test]
    fn stack_names_come_out_of_arns() {
        assert_eq!(
            stack_name_of("arn:aws:cloudformation:us-east-1:1:stack/app-Db-1X/abc"),
            "app-Db-1X"
        );
        assert_eq!(stack_name_of("app"), "app");
    }
}
