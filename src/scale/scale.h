/*
 * scale.h: stage "scale", chorus over Redis Streams and Redis Cluster (the
 * public side is include/chorus_scale.h; docs/scale.md explains the design).
 *
 * In:  records (submit), a Redis deployment, the handle's parameters.
 * Out: in Redis, under the prefix P:
 *        {P}:in          the stream of submitted records ("s" seq, "r" record), consumer group "workers"
 *        {P}:seq         the last sequence number given (INCR, with the XADD, in one Lua script)
 *        {P}:sub:TOKEN   how far one submit went (a resent record is not added twice)
 *        P:r:SEQ         the analysed article of record SEQ (or "X": rejected), written by any worker
 *        {P}:lease       who applies the stream stages (SET NX PX, renewed)
 *        P:a:SEQ         what the stream stages did with SEQ (row, id, copies, story and its
 *                        state), written once (SET NX) in sequence order
 *        {P}:applied     the highest SEQ applied (a hint for readers)
 *      Keys in {P} share one Cluster slot (the Lua script needs its keys
 *      together); the per-article keys spread over every shard.
 *      And back: the JSON document of the results (show).
 */
#ifndef CX_SCALE_H
#define CX_SCALE_H
#include "chorus_scale.h"
#endif
