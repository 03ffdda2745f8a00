/*
 * Holds a librdkafka mock cluster (brokers that speak the Kafka protocol over local TCP) for the test suite:
 *   kafka-mock-holder <brokers> [topic:partitions ...]
 * prints the bootstrap address on one line, then serves until SIGTERM, SIGINT or the end of its stdin (so a
 * test runner that dies takes its cluster with it).
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rdkafka.h"
#include "rdkafka_mock.h"

static volatile sig_atomic_t stopping = 0;

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

int main(int argc, char **argv) {
  int brokers = argc > 1 ? atoi(argv[1]) : 3;
  if (brokers < 1) brokers = 1;
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) {
    fprintf(stderr, "kafka-mock-holder: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (!cluster) {
    fprintf(stderr, "kafka-mock-holder: cannot create the mock cluster\n");
    return 1;
  }
  /* Without a controller, pure-JS clients' admin calls and idempotent producers find "broker 0". */
  rd_kafka_mock_set_controller_id(cluster, 1);
  /* A group's first join would otherwise wait 3 s. */
  rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
  /* Versions the mock parses wrongly when newer clients ask for them: JoinGroup, LeaveGroup, SyncGroup,
   * InitProducerId. */
  rd_kafka_mock_set_apiversion(cluster, 11, 0, 5);
  rd_kafka_mock_set_apiversion(cluster, 13, 0, 2);
  rd_kafka_mock_set_apiversion(cluster, 14, 0, 3);
  rd_kafka_mock_set_apiversion(cluster, 22, 0, 2);

  for (int i = 2; i < argc; i++) {
    char name[256];
    int partitions = 1;
    const char *colon = strrchr(argv[i], ':');
    size_t length = colon ? (size_t)(colon - argv[i]) : strlen(argv[i]);
    if (length == 0 || length >= sizeof name) continue;
    memcpy(name, argv[i], length);
    name[length] = '\0';
    if (colon) partitions = atoi(colon + 1);
    if (partitions < 1) partitions = 1;
    rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(cluster, name, partitions, brokers < 3 ? brokers : 3);
    if (err) {
      fprintf(stderr, "kafka-mock-holder: topic %s: %s\n", name, rd_kafka_err2str(err));
      return 1;
    }
  }

  printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);

  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
  char buffer[256];
  while (!stopping) {
    int ready = poll(&input, 1, 200);
    if (ready > 0) {
      if (read(STDIN_FILENO, buffer, sizeof buffer) <= 0) break; /* the runner is gone */
    }
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
