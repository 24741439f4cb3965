"""Each worker reads its queue's depth into the metrics from the broker, on a channel of its
own: a queue that is not there costs a reading, never the consuming channel."""

from __future__ import annotations

import asyncio

import aio_pika

from kit.broker import connect, declare_topology, watch_depth
from kit.metrics import QUEUE_MESSAGES


async def test_depth_is_read_and_a_missing_queue_harms_nothing(amqp_url: str) -> None:
    connection = await connect(amqp_url)
    try:
        consuming = await connection.channel()
        topology = await declare_topology(consuming, delivery_limit=5)
        await topology.queues["tailor"].purge()
        for i in range(3):
            await topology.jobs.publish(aio_pika.Message(f"m{i}".encode()), routing_key="tailor")
        stop = asyncio.Event()
        tasks = [
            asyncio.create_task(watch_depth(connection, queue, stop))
            for queue in ("tailor", "no-such-queue")
        ]

        for _ in range(200):  # the first reading is at once; allow it 10 s
            if QUEUE_MESSAGES.labels("tailor")._value.get() == 3:
                break
            await asyncio.sleep(0.05)
        assert QUEUE_MESSAGES.labels("tailor")._value.get() == 3
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 10)
        assert not consuming.is_closed
        assert (await topology.queues["tailor"].get(no_ack=True)).body == b"m0"
        await topology.queues["tailor"].purge()
    finally:
        await connection.close()
